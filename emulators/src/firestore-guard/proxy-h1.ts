// HTTP/1.1 side of the proxy: the emulator's REST API and emulator-only endpoints (reset, security
// rules, eventarc trigger registration) and the browser SDK's WebChannel long-polls. REST calls the
// guard inspects (queries, reads, writes: rest-calls.ts) are read whole, checked and billed like their
// gRPC twins (rest-proxy.ts); WebChannel sessions are followed message by message (webchannel-proxy.ts).
// Everything else is piped in both directions as it arrives, with response headers flushed at once, so
// a long-poll streams through instead of waiting for the response to end.
import http from "node:http";
import net from "node:net";
import type { AdminHandler, InterceptorFactory } from "./call-interceptor.js";
import { GUARD_PATH_PREFIX, SERVICE_PREFIX } from "./call-interceptor.js";
import type { Upstream } from "./http1-relay.js";
import { answerUpstreamError, endToEndHeaders, upstreamRequest } from "./http1-relay.js";
import { restCallOf } from "./rest-calls.js";
import { proxyRestCall } from "./rest-proxy.js";
import { WebChannelProxy } from "./webchannel-proxy.js";

export interface Http1ProxyOptions {
  upstreamHost: string;
  upstreamPort: number;
  admin: AdminHandler;
  intercept: InterceptorFactory;
}

function pipeThrough(req: http.IncomingMessage, res: http.ServerResponse, upstream: Upstream): void {
  const forwarded = upstreamRequest(upstream, req);
  forwarded.on("response", (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEndHeaders(answer.rawHeaders));
    res.flushHeaders();
    answer.pipe(res);
    answer.on("end", () => {
      if (answer.rawTrailers.length > 0) res.addTrailers(answer.trailers as http.OutgoingHttpHeaders);
    });
  });
  forwarded.on("error", (error) => answerUpstreamError(res, error));
  // A client that goes away (e.g. an abandoned long-poll) cancels the upstream request too.
  res.on("close", () => {
    if (!res.writableFinished) forwarded.destroy();
  });
  req.pipe(forwarded);
}

export function attachHttp1Proxy(server: http.Server, options: Http1ProxyOptions): () => void {
  const upstream: Upstream = {
    host: options.upstreamHost,
    port: options.upstreamPort,
    agent: new http.Agent({ keepAlive: true }),
  };
  const webChannel = new WebChannelProxy(upstream, options.intercept);

  server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = req.url ?? "/";
    if (url.startsWith(GUARD_PATH_PREFIX)) {
      const reply = options.admin(req.method ?? "GET", url);
      if (reply) {
        req.resume();
        void reply.then(({ status, body }) => {
          res.writeHead(status, { "content-type": "application/json" });
          res.end(JSON.stringify(body));
        });
        return;
      }
    }
    const rest = restCallOf(req.method ?? "GET", url);
    const prefix = req.headers["google-cloud-resource-prefix"];
    const interceptor =
      rest &&
      options.intercept({
        path: `${SERVICE_PREFIX}${rest.method}`,
        resourcePrefix: typeof prefix === "string" ? prefix : rest.database,
      });
    if (rest && interceptor) {
      void proxyRestCall(req, res, rest, interceptor, upstream).catch((error: Error) =>
        answerUpstreamError(res, error),
      );
      return;
    }
    if (webChannel.handle(req, res)) return;
    pipeThrough(req, res, upstream);
  });

  // Upgrade requests (e.g. WebSocket) become a raw byte tunnel to the emulator.
  server.on("upgrade", (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    const tunnel = net.connect(options.upstreamPort, options.upstreamHost, () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      tunnel.write(`${lines.join("\r\n")}\r\n\r\n`);
      if (head.length > 0) tunnel.write(head);
      tunnel.pipe(socket);
      socket.pipe(tunnel);
    });
    tunnel.on("error", () => socket.destroy());
    socket.on("error", () => tunnel.destroy());
  });

  return () => upstream.agent.destroy();
}

// HTTP/1.1 side of the proxy: the emulator's REST and emulator-only endpoints (reset, security rules,
// eventarc trigger registration) and the browser SDK's WebChannel long-polls. Bodies are piped in both
// directions as they arrive and response headers are flushed at once, so a long-poll streams through
// instead of waiting for the upstream response to end.
import http from "node:http";
import net from "node:net";
import type { AdminHandler } from "./call-interceptor.js";
import { GUARD_PATH_PREFIX } from "./call-interceptor.js";

// Hop-by-hop headers (RFC 9110 §7.6.1) belong to each connection; node sets its own.
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
]);

function endToEndHeaders(rawHeaders: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    if (!HOP_BY_HOP.has(name.toLowerCase())) out.push(name, rawHeaders[i + 1] as string);
  }
  return out;
}

export interface Http1ProxyOptions {
  upstreamHost: string;
  upstreamPort: number;
  admin: AdminHandler;
}

export function attachHttp1Proxy(server: http.Server, options: Http1ProxyOptions): () => void {
  const agent = new http.Agent({ keepAlive: true });

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
    const upstreamRequest = http.request({
      host: options.upstreamHost,
      port: options.upstreamPort,
      method: req.method,
      path: url,
      headers: endToEndHeaders(req.rawHeaders),
      agent,
    });
    upstreamRequest.on("response", (upstreamResponse) => {
      res.writeHead(
        upstreamResponse.statusCode ?? 502,
        upstreamResponse.statusMessage,
        endToEndHeaders(upstreamResponse.rawHeaders),
      );
      res.flushHeaders();
      upstreamResponse.pipe(res);
      upstreamResponse.on("end", () => {
        if (upstreamResponse.rawTrailers.length > 0)
          res.addTrailers(upstreamResponse.trailers as http.OutgoingHttpHeaders);
      });
    });
    upstreamRequest.on("error", (error) => {
      if (!res.headersSent) {
        res.writeHead(502, { "content-type": "text/plain" });
        res.end(`firestore guard: upstream unavailable: ${error.message}`);
      } else res.destroy();
    });
    // A client that goes away (e.g. an abandoned long-poll) cancels the upstream request too.
    res.on("close", () => {
      if (!res.writableFinished) upstreamRequest.destroy();
    });
    req.pipe(upstreamRequest);
  });

  // Upgrade requests (e.g. WebSocket) become a raw byte tunnel to the emulator.
  server.on("upgrade", (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    const upstream = net.connect(options.upstreamPort, options.upstreamHost, () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });

  return () => agent.destroy();
}

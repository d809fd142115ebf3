// HTTP/2 (h2c) side of the proxy: every client stream becomes one stream on an upstream session that
// mirrors the client's connection. Headers, data, trailers (grpc-status, grpc-message, metadata) and
// resets are relayed as they arrive; gRPC calls chosen by the interceptor factory are parsed into
// frames on a copy so the original bytes still go through unchanged.
import http2 from "node:http2";
import net from "node:net";
import type { AdminHandler, CallInterceptor, InterceptorFactory } from "./call-interceptor.js";
import { GUARD_PATH_PREFIX } from "./call-interceptor.js";
import { framePayload, GrpcFrameParser } from "./grpc-frames.js";

const { NGHTTP2_CANCEL } = http2.constants;
const END_STREAM_FLAG = 0x1;
// Connection-specific headers are forbidden in HTTP/2 (RFC 9113 §8.2.2); never relay them.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade"]);

export interface Http2ProxyOptions {
  upstreamUrl: string;
  intercept: InterceptorFactory;
  admin: AdminHandler;
}

type Headers = http2.IncomingHttpHeaders | http2.OutgoingHttpHeaders;

function copyHeaders(headers: Headers): http2.OutgoingHttpHeaders {
  const out: http2.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  return out;
}

/**
 * grpc-message is percent-encoded, but only outside printable ASCII and for "%" itself
 * (https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md, "Status-Message"); clients
 * decode with decodeURI-like rules, so encoding ":" or "," would leave them escaped.
 */
export function grpcPercentEncode(message: string): string {
  let out = "";
  for (const byte of Buffer.from(message, "utf8")) {
    out +=
      byte >= 0x20 && byte <= 0x7e && byte !== 0x25
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function grpcStatusOf(headers: Headers | undefined): number | null {
  const value = headers?.["grpc-status"];
  return value === undefined ? null : Number(value);
}

export function attachHttp2Proxy(server: http2.Http2Server, options: Http2ProxyOptions): () => void {
  const upstreams = new Map<http2.ServerHttp2Session, http2.ClientHttp2Session>();

  const upstreamFor = (session: http2.ServerHttp2Session): http2.ClientHttp2Session => {
    let upstream = upstreams.get(session);
    if (!upstream || upstream.closed || upstream.destroyed) {
      const url = new URL(options.upstreamUrl);
      // Nagle's algorithm would hold back the small frames of a gRPC call; send them at once.
      upstream = http2.connect(url, {
        createConnection: () => net.connect({ host: url.hostname, port: Number(url.port), noDelay: true }),
      });
      upstream.on("error", () => {}); // surfaced per stream below
      upstreams.set(session, upstream);
    }
    return upstream;
  };

  server.on("session", (session) => {
    upstreamFor(session); // connect eagerly so the first call does not pay for the handshake
    session.on("close", () => {
      upstreams.get(session)?.close();
      upstreams.delete(session);
    });
    session.on("error", () => {});
  });

  server.on("stream", (stream, headers, flags) => {
    stream.on("error", () => {});
    const path = String(headers[":path"] ?? "");
    if (path.startsWith(GUARD_PATH_PREFIX)) {
      const reply = options.admin(String(headers[":method"]), path);
      if (reply) {
        void reply.then(({ status, body }) => {
          if (stream.destroyed) return;
          stream.respond({ ":status": status, "content-type": "application/json" });
          stream.end(JSON.stringify(body));
        });
        return;
      }
    }
    const isGrpc = String(headers["content-type"] ?? "").startsWith("application/grpc");
    const resourcePrefix = headers["google-cloud-resource-prefix"];
    const interceptor = isGrpc
      ? options.intercept({
          path,
          resourcePrefix: typeof resourcePrefix === "string" ? resourcePrefix : undefined,
        })
      : undefined;
    relayStream(
      stream,
      headers,
      (flags & END_STREAM_FLAG) !== 0,
      upstreamFor(stream.session as http2.ServerHttp2Session),
      isGrpc,
      interceptor,
    );
  });

  return () => {
    for (const upstream of upstreams.values()) upstream.destroy();
    upstreams.clear();
  };
}

function relayStream(
  stream: http2.ServerHttp2Stream,
  headers: http2.IncomingHttpHeaders,
  requestEnded: boolean,
  session: http2.ClientHttp2Session,
  isGrpc: boolean,
  interceptor: CallInterceptor | undefined,
): void {
  let finished = false;
  let trailers: http2.OutgoingHttpHeaders | undefined;
  const encoding = typeof headers["grpc-encoding"] === "string" ? headers["grpc-encoding"] : undefined;

  const finish = (status: number | null): void => {
    if (finished) return;
    finished = true;
    interceptor?.onEnd(status);
  };

  const respondOnce = (responseHeaders: http2.OutgoingHttpHeaders, endStream: boolean): void => {
    if (stream.headersSent || stream.destroyed) return;
    stream.respond(responseHeaders, endStream ? { endStream: true } : { waitForTrailers: isGrpc });
  };

  /** Ends the client's call with a status of the guard's own (index rejection, upstream down). */
  const failCall = (code: number, message: string): void => {
    const status = { "grpc-status": String(code), "grpc-message": grpcPercentEncode(message) };
    finish(code);
    if (stream.destroyed) return;
    if (!stream.headersSent) {
      respondOnce({ ":status": 200, "content-type": "application/grpc", ...status }, true);
    } else {
      trailers = status;
      stream.end();
    }
  };

  const upstream = session.request(copyHeaders(headers), { endStream: requestEnded });
  upstream.on("error", (error: NodeJS.ErrnoException) => {
    // A reset by the emulator is relayed as the same reset by the "close" handler below.
    if (finished || error.code === "ERR_HTTP2_STREAM_ERROR") return;
    if (isGrpc) failCall(14, `firestore guard: upstream unavailable: ${error.message}`);
    else if (!stream.headersSent && !stream.destroyed) {
      stream.respond({ ":status": 502 });
      stream.end(`firestore guard: upstream unavailable: ${error.message}`);
    } else stream.close(NGHTTP2_CANCEL);
  });

  // gRPC responses end with trailers; if the emulator's connection died before sending any, the
  // client gets UNAVAILABLE (what it would see from a dropped connection) rather than no status.
  stream.on("wantTrailers", () =>
    stream.sendTrailers(
      trailers ?? {
        "grpc-status": "14",
        "grpc-message": "firestore guard: the emulator closed the connection",
      },
    ),
  );
  stream.on("close", () => {
    if (!upstream.closed) upstream.close(stream.rstCode || NGHTTP2_CANCEL);
    finish(grpcStatusOf(trailers));
  });

  upstream.on("response", (responseHeaders, responseFlags) => {
    if (finished) return;
    const trailersOnly = (responseFlags & END_STREAM_FLAG) !== 0;
    if (trailersOnly) {
      finish(grpcStatusOf(responseHeaders));
      if (stream.headersSent) {
        trailers = copyHeaders(responseHeaders);
        delete trailers[":status"];
        stream.end();
      } else respondOnce(copyHeaders(responseHeaders), true);
      return;
    }
    respondOnce(copyHeaders(responseHeaders), false);
  });
  upstream.on("trailers", (received) => {
    trailers = copyHeaders(received);
  });
  upstream.on("close", () => {
    // A call that ended normally has finished by now; anything else was cut off upstream.
    if (finished || stream.destroyed) return;
    const code = upstream.rstCode;
    if (code && code !== http2.constants.NGHTTP2_NO_ERROR) {
      finish(null);
      stream.close(code);
    } else if (isGrpc) {
      failCall(14, "firestore guard: the emulator closed the connection");
    } else {
      finish(null);
      stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
    }
  });

  relayResponseBody(upstream, stream, interceptor, encoding, () => finish(grpcStatusOf(trailers)));
  relayRequestBody(stream, upstream, requestEnded, interceptor, encoding, {
    fail: (code, message) => {
      upstream.close(NGHTTP2_CANCEL);
      failCall(code, message);
    },
    respond: (frames) => {
      respondOnce({ ":status": 200, "content-type": "application/grpc" }, false);
      for (const frame of frames) stream.write(frame);
    },
  });
}

function relayResponseBody(
  upstream: http2.ClientHttp2Stream,
  stream: http2.ServerHttp2Stream,
  interceptor: CallInterceptor | undefined,
  encoding: string | undefined,
  onEnd: () => void,
): void {
  if (!interceptor?.inspectsResponses) {
    upstream.pipe(stream);
    upstream.on("end", onEnd);
    return;
  }
  const parser = new GrpcFrameParser();
  upstream.on("data", (chunk: Buffer) => {
    let full = false;
    for (const frame of parser.push(chunk)) {
      try {
        interceptor.onResponse(framePayload(frame, encoding));
      } catch {
        // Counting is best effort; a message the guard cannot read still reaches the client.
      }
      if (!stream.destroyed && !stream.write(frame.raw)) full = true;
    }
    if (full) {
      upstream.pause();
      stream.once("drain", () => upstream.resume());
    }
  });
  upstream.on("end", () => {
    onEnd();
    if (!stream.destroyed) stream.end();
  });
}

interface RequestActions {
  fail(code: number, message: string): void;
  respond(frames: Buffer[]): void;
}

function relayRequestBody(
  stream: http2.ServerHttp2Stream,
  upstream: http2.ClientHttp2Stream,
  requestEnded: boolean,
  interceptor: CallInterceptor | undefined,
  encoding: string | undefined,
  actions: RequestActions,
): void {
  if (requestEnded) return;
  if (!interceptor) {
    stream.pipe(upstream);
    return;
  }
  const parser = new GrpcFrameParser();
  let rejected = false;
  stream.on("data", (chunk: Buffer) => {
    if (rejected) return;
    let full = false;
    for (const frame of parser.push(chunk)) {
      let verdict: ReturnType<CallInterceptor["onRequest"]>;
      try {
        verdict = interceptor.onRequest(framePayload(frame, encoding));
      } catch {
        verdict = { action: "forward" }; // the emulator will report anything malformed itself
      }
      if (verdict.action === "reject") {
        rejected = true;
        actions.fail(verdict.code, verdict.message);
        return;
      }
      if (verdict.action === "drop") {
        actions.respond(verdict.respond);
        continue;
      }
      if (!upstream.write(frame.raw)) full = true;
    }
    if (full) {
      stream.pause();
      upstream.once("drain", () => stream.resume());
    }
  });
  stream.on("end", () => {
    if (!rejected && !upstream.closed) upstream.end();
  });
}

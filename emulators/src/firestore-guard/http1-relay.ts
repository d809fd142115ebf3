// Pieces every HTTP/1.1 exchange of the proxy uses: the headers to relay, a request to the emulator
// mirroring the client's, and reading a whole body for the calls the guard inspects.
import http from "node:http";

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

export function endToEndHeaders(rawHeaders: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    if (!HOP_BY_HOP.has(name.toLowerCase())) out.push(name, rawHeaders[i + 1] as string);
  }
  return out;
}

export interface Upstream {
  host: string;
  port: number;
  agent: http.Agent;
}

/**
 * A request to the emulator with the client's method, headers and (unless given) URL; `bodyLength`
 * replaces the client's content-length when the guard rewrote the body.
 */
export function upstreamRequest(
  upstream: Upstream,
  req: http.IncomingMessage,
  path = req.url ?? "/",
  bodyLength?: number,
): http.ClientRequest {
  let headers = endToEndHeaders(req.rawHeaders);
  if (bodyLength !== undefined) {
    headers = withoutHeader(headers, "content-length");
    headers.push("content-length", String(bodyLength));
  }
  return http.request({
    host: upstream.host,
    port: upstream.port,
    method: req.method,
    path,
    headers,
    agent: upstream.agent,
  });
}

/** Raw header pairs without `name` (lower case). */
export function withoutHeader(rawHeaders: string[], name: string): string[] {
  return rawHeaders.flatMap((value, i) =>
    i % 2 === 0 && value.toLowerCase() !== name ? [value, rawHeaders[i + 1] as string] : [],
  );
}

export function readBody(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

/** What the client gets when the emulator cannot be reached. */
export function answerUpstreamError(res: http.ServerResponse, error: Error): void {
  if (!res.headersSent) {
    res.writeHead(502, { "content-type": "text/plain" });
    res.end(`firestore guard: upstream unavailable: ${error.message}`);
  } else res.destroy();
}

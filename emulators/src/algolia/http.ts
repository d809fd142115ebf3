/** HTTP plumbing: request bodies in (JSON, possibly gzip), Algolia's `{ message, status }` errors out. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { gunzipSync } from "node:zlib";

/** An error as Algolia answers it: the status, and `{ "message": …, "status": … }` as the body. */
export class AlgoliaError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const maxBodyBytes = 10 * 1024 * 1024;

export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new AlgoliaError(413, "Request body too large");
    chunks.push(chunk);
  }
  let raw = Buffer.concat(chunks);
  // The Node client gzips large bodies when asked to (`compression: "gzip"`).
  if (req.headers["content-encoding"] === "gzip" && raw.length > 0) {
    try {
      raw = gunzipSync(raw);
    } catch {
      throw new AlgoliaError(400, "Invalid gzip body");
    }
  }
  const text = raw.toString("utf8").trim();
  if (text === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // The clients send JSON as text/plain (a "simple" CORS request), so the type is never checked.
    throw new AlgoliaError(400, "Invalid JSON");
  }
}

/** Browsers call Algolia directly with a search-only key; let a local front end do the same. */
export const corsHeaders: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, PUT, DELETE, OPTIONS",
  "Access-Control-Allow-Headers":
    "content-type, x-algolia-application-id, x-algolia-api-key, x-algolia-agent, request-id",
  "Access-Control-Max-Age": "86400",
};

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=UTF-8",
    "Content-Length": Buffer.byteLength(body),
    ...corsHeaders,
  });
  res.end(body);
}

export function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { message, status });
}

/** A plain JSON object from a body, or a 400 naming what was expected. */
export function objectBody(body: unknown, what: string): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AlgoliaError(400, `${what} must be a JSON object`);
  }
  return body as Record<string, unknown>;
}

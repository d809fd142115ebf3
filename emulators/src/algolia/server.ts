/**
 * A local, in-memory server that speaks Algolia's Search REST API (`/1/indexes/...`), for tests and the
 * local stack. Point an `algoliasearch` client at it with
 * `{ hosts: [{ url: "127.0.0.1:PORT", protocol: "http", accept: "readWrite" }] }`.
 *
 * Keys are checked like Algolia does: an unknown application id or key answers 403 "Invalid
 * Application-ID or API key"; a key without the ACL a route needs answers 403 "Method not allowed with
 * this API key". The admin key may do everything; a search-only key (`["search"]`) may only search and read.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { AlgoliaError, corsHeaders, readJsonBody, sendError, sendJson } from "./http.js";
import { type Acl, findRoute } from "./routes.js";
import { AlgoliaStore } from "./store.js";

export type { Acl } from "./routes.js";

export interface AlgoliaServerOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  appId: string;
  /** Each API key with what it may do; "admin" may do everything, like Algolia's admin API key. */
  apiKeys: Record<string, readonly (Acl | "admin")[]>;
  /** Where refused or failed requests are reported; nothing by default. */
  log?: (line: string) => void;
}

export interface RunningAlgoliaServer {
  /** `http://host:port` */
  url: string;
  host: string;
  port: number;
  /** Drops every index, as a fresh application. */
  reset(): void;
  close(): Promise<void>;
}

function credential(req: IncomingMessage, query: URLSearchParams, name: string): string | undefined {
  const header = req.headers[name];
  return (Array.isArray(header) ? header[0] : header) ?? query.get(name) ?? undefined;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new AlgoliaError(400, "Invalid URL encoding in the path");
  }
}

export async function startAlgoliaServer(options: AlgoliaServerOptions): Promise<RunningAlgoliaServer> {
  let store = new AlgoliaStore();
  const log = options.log ?? (() => {});

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://algolia.local");
    const method = req.method ?? "GET";
    if (method === "OPTIONS") {
      res.writeHead(200, corsHeaders).end();
      return;
    }
    const appId = credential(req, url.searchParams, "x-algolia-application-id");
    const apiKey = credential(req, url.searchParams, "x-algolia-api-key");
    const acl = apiKey === undefined ? undefined : options.apiKeys[apiKey];
    if (appId !== options.appId || !acl) {
      log(`403 ${method} ${url.pathname}: invalid application id or API key`);
      sendError(res, 403, "Invalid Application-ID or API key");
      return;
    }
    const parts = url.pathname.split("/").filter(Boolean);
    const segments = parts[0] === "1" ? parts.slice(1).map(decodeSegment) : undefined;
    const route = segments && findRoute(store, method, segments);
    if (!route) {
      sendError(res, 404, `Path not found: ${method} ${url.pathname}`);
      return;
    }
    if (!acl.includes("admin") && !acl.includes(route.acl)) {
      log(`403 ${method} ${url.pathname}: the key lacks the ${route.acl} ACL`);
      sendError(res, 403, "Method not allowed with this API key");
      return;
    }
    const body = method === "GET" || method === "DELETE" ? {} : await readJsonBody(req);
    sendJson(res, 200, route.run({ body, query: url.searchParams }));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof AlgoliaError) {
        sendError(res, error.status, error.message);
        return;
      }
      log(`500 ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
      sendError(res, 500, "Internal error");
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    host,
    port,
    reset: () => {
      store = new AlgoliaStore();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The REST API: `GET/PUT/PATCH/POST/DELETE /path.json` with the documented query parameters
 * (shallow, orderBy filters, print, format=export, disableTriggers) and ETag conditional writes.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Principal } from "./auth.js";
import { type EventStream, openEventStream } from "./event-stream.js";
import { HttpError, parseJsonBody, readBody, sendError, sendText } from "./http-io.js";
import type { DatabaseNamespace, WriteRequest } from "./namespace.js";
import { nodeHash } from "./node-hash.js";
import { parsePath } from "./path.js";
import { nextPushId } from "./push-id.js";
import { applyQuery } from "./query.js";
import { queryRuleVariable } from "./query-rules.js";
import { parseRestQuery } from "./rest-query.js";
import { childrenOf, getChild, type Json, type MaybeNode, nodeToExportJson, nodeToJson } from "./tree.js";

export interface RestRequest {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  url: URL;
  /** The data path, with the ".json" suffix removed. */
  path: string[];
  namespace: DatabaseNamespace;
  principal: Principal;
  log(message: string): void;
  openStreams: Set<EventStream>;
}

function etagOf(node: MaybeNode): string {
  return node === null ? "null_etag" : nodeHash(node);
}

function render(
  url: URL,
  value: Json,
  status: number,
  res: ServerResponse,
  headers: Record<string, string> = {},
): void {
  const print = url.searchParams.get("print");
  if (print === "silent") {
    res.writeHead(204, headers);
    res.end();
    return;
  }
  sendText(res, status, print === "pretty" ? JSON.stringify(value, null, 2) : JSON.stringify(value), headers);
}

function readValue(request: RestRequest): Json {
  const { url, namespace, path } = request;
  const params = url.searchParams;
  const node = getChild(namespace.root, path);
  if (params.get("shallow") === "true") {
    if (params.has("orderBy"))
      throw new HttpError(400, "Mixing shallow and querying parameters is not supported");
    if (node?.kind !== "branch") return nodeToJson(node);
    const keys: { [key: string]: Json } = {};
    for (const key of childrenOf(node).keys()) keys[key] = true;
    return keys;
  }
  const query = parseRestQuery(params);
  const view = query ? applyQuery(node, query) : node;
  if (params.get("format") === "export") return nodeToExportJson(view);
  if (!query) return nodeToJson(view);
  // Query results are a plain object of the selected children (REST cannot convey order).
  const out: { [key: string]: Json } = {};
  for (const [key, child] of childrenOf(view)) out[key] = nodeToJson(child);
  return view === null ? null : out;
}

function get(request: RestRequest): void {
  const { req, res, url, namespace, path, principal } = request;
  // firebase-tools' export probes with shallow=true&limitToFirst=1 (no orderBy): shallow wins.
  const query = url.searchParams.get("shallow") === "true" ? undefined : parseRestQuery(url.searchParams);
  if (!namespace.canRead(path, principal, queryRuleVariable(query)))
    throw new HttpError(401, "Permission denied");
  if ((req.headers.accept ?? "").includes("text/event-stream")) {
    openEventStream({
      req,
      res,
      namespace,
      path,
      query,
      principal,
      log: request.log,
      openStreams: request.openStreams,
    });
    return;
  }
  const headers: Record<string, string> = {};
  if (req.headers["x-firebase-etag"] === "true") headers.ETag = etagOf(getChild(namespace.root, path));
  render(url, readValue(request), 200, res, headers);
}

async function write(request: RestRequest): Promise<void> {
  const { req, res, url, method, namespace, principal } = request;
  let path = request.path;
  let data: unknown = null;
  if (method !== "DELETE") data = parseJsonBody(await readBody(req));
  const ifMatch = req.headers["if-match"];
  if (ifMatch !== undefined) {
    const current = getChild(namespace.root, path);
    if (etagOf(current) !== ifMatch) {
      sendText(res, 412, JSON.stringify(nodeToJson(current)), { ETag: etagOf(current) });
      return;
    }
  }
  let pushedName: string | undefined;
  if (method === "POST") {
    pushedName = nextPushId();
    path = [...path, pushedName];
  }
  const writeRequest: WriteRequest = {
    path,
    kind: method === "PATCH" ? "merge" : "set",
    data,
    principal,
    skipTriggers: url.searchParams.get("disableTriggers") === "true",
  };
  const outcome = namespace.write(writeRequest);
  if (outcome.status !== "ok") throw new HttpError(401, "Permission denied");
  const headers: Record<string, string> = {};
  if (ifMatch !== undefined || req.headers["x-firebase-etag"] === "true") {
    headers.ETag = etagOf(getChild(namespace.root, path));
  }
  const body =
    pushedName !== undefined ? { name: pushedName } : method === "DELETE" ? null : outcome.resolved;
  render(url, body, 200, res, headers);
}

export async function handleRest(request: RestRequest): Promise<void> {
  try {
    switch (request.method) {
      case "GET":
        get(request);
        return;
      case "PUT":
      case "PATCH":
      case "POST":
      case "DELETE":
        await write(request);
        return;
      default:
        throw new HttpError(405, `Method ${request.method} not allowed`);
    }
  } catch (error) {
    if (error instanceof HttpError) {
      if (error.status === 401)
        request.log(`${request.method} /${request.path.join("/")} denied: ${error.message}`);
      sendError(request.res, error.status, error.message);
      return;
    }
    const message = (error as Error).message;
    request.log(`${request.method} /${request.path.join("/")} failed: ${message}`);
    sendError(request.res, 400, message);
  }
}

export function dataPathFromUrl(pathname: string): string[] {
  const withoutSuffix = pathname.endsWith(".json") ? pathname.slice(0, -5) : pathname;
  return parsePath(decodeURIComponent(withoutSuffix));
}

/**
 * REST streaming (`Accept: text/event-stream`): server-sent events `put` and `patch` whose data
 * is `{"path": <relative to the listened location>, "data": …}`, periodic `keep-alive`, and
 * `cancel` when the rules stop allowing the read.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Principal } from "./auth.js";
import type { ListenGroup, ListenSink, OutgoingUpdate } from "./listeners.js";
import type { DatabaseNamespace } from "./namespace.js";
import type { QuerySpec } from "./query.js";
import { queryRuleVariable } from "./query-rules.js";

const KEEP_ALIVE_MS = 30_000;

export interface EventStreamOptions {
  req: IncomingMessage;
  res: ServerResponse;
  namespace: DatabaseNamespace;
  path: string[];
  query: QuerySpec | undefined;
  principal: Principal;
  log(message: string): void;
  /** The server's open streams, so rules reloads can re-check them and shutdown can end them. */
  openStreams: Set<EventStream>;
}

function canonicalQueryKey(query: QuerySpec | undefined): string {
  return query ? `rest:${JSON.stringify(query)}` : "default";
}

export class EventStream implements ListenSink {
  private readonly keepAlive: NodeJS.Timeout;
  private readonly queryKey: string;
  private ended = false;

  constructor(private readonly options: EventStreamOptions) {
    const { res, req, namespace, path, query } = options;
    this.queryKey = canonicalQueryKey(query);
    res.writeHead(200, {
      "Content-Type": "text/event-stream",
      "Cache-Control": "no-cache",
      Connection: "keep-alive",
      "Access-Control-Allow-Origin": "*",
    });
    this.keepAlive = setInterval(() => this.send("keep-alive", "null"), KEEP_ALIVE_MS);
    this.keepAlive.unref();
    req.on("close", () => this.end());
    res.on("error", () => this.end()); // the client went away mid-write
    options.openStreams.add(this);
    namespace.listen(this, path, this.queryKey, query, undefined);
  }

  private send(event: string, data: string): void {
    if (!this.ended) this.options.res.write(`event: ${event}\ndata: ${data}\n\n`);
  }

  deliver(update: OutgoingUpdate, _tag: number | undefined, group: ListenGroup): void {
    const relative = update.path.slice(group.path.length);
    const path = JSON.stringify(`/${relative.join("/")}`);
    this.send(update.action === "m" ? "patch" : "put", `{"path":${path},"data":${update.dataJson}}`);
  }

  /** After a rules change: cancel the stream if the read is no longer allowed. */
  recheck(): void {
    const { namespace, path, principal, query } = this.options;
    if (namespace.canRead(path, principal, queryRuleVariable(query))) return;
    this.send("cancel", "null"); // as documented: a cancel event carries null
    this.end();
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.keepAlive);
    this.options.openStreams.delete(this);
    this.options.namespace.listeners.remove(this.options.path, this.queryKey, this);
    this.options.res.end();
  }
}

export function openEventStream(options: EventStreamOptions): EventStream {
  return new EventStream(options);
}

/**
 * The SDKs' WebSocket protocol (v5), server side. Frames are JSON envelopes: `{t:"c"}` control
 * (hello, ping/pong) and `{t:"d"}` data carrying requests `{r, a, b}` answered by `{r, b:{s, d}}`
 * and server pushes `{a, b}`. Messages longer than one frame are preceded by a frame count.
 */
import { randomBytes } from "node:crypto";
import type { WebSocket } from "ws";
import {
  ADMIN,
  ANONYMOUS,
  InvalidTokenError,
  type Principal,
  principalFromOverride,
  principalFromToken,
} from "./auth.js";
import type { ListenSink, OutgoingUpdate } from "./listeners.js";
import type { DatabaseNamespace, WriteRequest } from "./namespace.js";
import { OnDisconnectQueue } from "./on-disconnect.js";
import { parsePath } from "./path.js";
import { applyQuery, parseWireQuery, type QuerySpec, queryKeyOf } from "./query.js";
import { queryRuleVariable } from "./query-rules.js";
import { getChild, nodeToExportJson } from "./tree.js";
import { FrameAssembler, splitIntoFrames } from "./wire-framing.js";

interface Request {
  r: number;
  a: string;
  b: Record<string, unknown>;
}

type Reply = { s: string; d?: unknown };

export interface ConnectionEvents {
  log(message: string): void;
  closed(connection: WireConnection): void;
}

export class WireConnection implements ListenSink {
  private principal: Principal = ANONYMOUS;
  private readonly frames = new FrameAssembler();
  private readonly listens = new Map<
    string,
    { path: string[]; queryKey: string; query: QuerySpec | undefined }
  >();
  private readonly onDisconnect = new OnDisconnectQueue();
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly namespace: DatabaseNamespace,
    host: string,
    private readonly events: ConnectionEvents,
  ) {
    socket.on("message", (data) => this.onFrame(data.toString()));
    socket.on("close", () => this.onClose());
    socket.on("error", () => socket.terminate());
    const hello = { ts: Date.now(), v: "5", h: host, s: randomBytes(12).toString("hex") };
    this.sendJson({ t: "c", d: { t: "h", d: hello } });
  }

  deliver(update: OutgoingUpdate, tag: number | undefined): void {
    this.sendFrame(update.wireFrame(tag));
  }

  private sendJson(message: unknown): void {
    this.sendFrame(JSON.stringify(message));
  }

  private sendFrame(text: string): void {
    if (this.closed) return;
    for (const frame of splitIntoFrames(text)) this.socket.send(frame);
  }

  private onFrame(frame: string): void {
    const message = this.frames.push(frame);
    if (message !== undefined) this.onMessage(message);
  }

  private onMessage(text: string): void {
    let envelope: { t?: unknown; d?: unknown };
    try {
      envelope = JSON.parse(text) as { t?: unknown; d?: unknown };
    } catch {
      this.events.log(`Dropping unparseable frame from client: ${text.slice(0, 200)}`);
      return;
    }
    const body = (envelope.d ?? {}) as Record<string, unknown>;
    if (envelope.t === "c") {
      if (body.t === "p") this.sendJson({ t: "c", d: { t: "o", d: {} } });
      return;
    }
    if (envelope.t === "d" && typeof body.r === "number" && typeof body.a === "string") {
      const request = { r: body.r, a: body.a, b: (body.b ?? {}) as Record<string, unknown> };
      let reply: Reply;
      try {
        reply = this.handle(request);
      } catch (error) {
        this.events.log(
          `Request ${request.a} on ${String(request.b.p ?? "")} failed: ${(error as Error).message}`,
        );
        reply = { s: "invalid_request", d: (error as Error).message };
      }
      this.sendJson({ t: "d", d: { r: request.r, b: reply } });
    }
  }

  private handle(request: Request): Reply {
    const body = request.b;
    switch (request.a) {
      case "s":
      case "appcheck":
      case "unappeck":
        return { s: "ok", d: "" };
      case "auth":
      case "gauth":
        return this.authenticate(body);
      case "unauth":
        this.principal = ANONYMOUS;
        this.recheckListens();
        return { s: "ok", d: "" };
      case "q":
        return this.listen(body);
      case "n":
        return this.unlisten(body);
      case "g":
        return this.get(body);
      case "p":
      case "m":
        return this.write(body, request.a === "p" ? "set" : "merge");
      case "o":
      case "om":
        return this.queueOnDisconnect(body, request.a === "o" ? "set" : "merge");
      case "oc":
        return this.cancelOnDisconnect(body);
      default:
        this.events.log(`Ignoring unknown request action "${request.a}"`);
        return { s: "ok", d: "" };
    }
  }

  private authenticate(body: Record<string, unknown>): Reply {
    try {
      let principal = principalFromToken(typeof body.cred === "string" ? body.cred : undefined);
      if (principal.kind === "admin")
        principal = principalFromOverride(body.authvar, body.noauth === true) ?? ADMIN;
      this.principal = principal;
      this.recheckListens();
      const auth =
        principal.kind === "user"
          ? principal.auth.token
          : principal.kind === "admin"
            ? { admin: true }
            : null;
      return { s: "ok", d: { auth, expires: Math.floor(Date.now() / 1000) + 3600 } };
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      return { s: "invalid_token", d: error.message };
    }
  }

  private querySpec(body: Record<string, unknown>): QuerySpec | undefined {
    return body.q && typeof body.q === "object" && Object.keys(body.q).length > 0
      ? parseWireQuery(body.q)
      : undefined;
  }

  private listen(body: Record<string, unknown>): Reply {
    const path = parsePath(String(body.p ?? "/"));
    const tag = typeof body.t === "number" ? body.t : undefined;
    const query = tag === undefined ? undefined : this.querySpec(body);
    if (!this.namespace.canRead(path, this.principal, queryRuleVariable(query))) {
      this.events.log(`Listen on /${path.join("/")} denied by rules`);
      return { s: "permission_denied", d: "Permission denied" };
    }
    const queryKey = query ? queryKeyOf(body.q) : "default";
    const key = `${path.join("/")}|${queryKey}`;
    if (!this.listens.has(key)) {
      this.listens.set(key, { path, queryKey, query });
      this.namespace.listen(this, path, queryKey, query, tag);
    }
    const index = query?.index;
    const indexed = index?.kind !== "child" || this.namespace.rules.indexOn(path).includes(index.raw);
    return { s: "ok", d: indexed ? {} : { w: ["no_index"] } };
  }

  private unlisten(body: Record<string, unknown>): Reply {
    const path = parsePath(String(body.p ?? "/"));
    const queryKey = typeof body.t === "number" && body.q ? queryKeyOf(body.q) : "default";
    const key = `${path.join("/")}|${queryKey}`;
    if (this.listens.delete(key)) this.namespace.listeners.remove(path, queryKey, this);
    return { s: "ok", d: "" };
  }

  private get(body: Record<string, unknown>): Reply {
    const path = parsePath(String(body.p ?? "/"));
    const query = this.querySpec(body);
    if (!this.namespace.canRead(path, this.principal, queryRuleVariable(query))) {
      return { s: "permission_denied", d: "Permission denied" };
    }
    const node = getChild(this.namespace.root, path);
    return { s: "ok", d: nodeToExportJson(query ? applyQuery(node, query) : node) };
  }

  private writeRequest(body: Record<string, unknown>, kind: "set" | "merge"): WriteRequest {
    return { path: parsePath(String(body.p ?? "/")), kind, data: body.d, principal: this.principal };
  }

  private write(body: Record<string, unknown>, kind: "set" | "merge"): Reply {
    const request = this.writeRequest(body, kind);
    if (typeof body.h === "string") request.hash = body.h;
    const outcome = this.namespace.write(request);
    if (outcome.status === "ok") return { s: "ok", d: "" };
    if (outcome.status === "permission_denied") {
      this.events.log(`Write to /${request.path.join("/")} denied by rules`);
      return { s: "permission_denied", d: "Permission denied" };
    }
    return { s: "datastale", d: "Transaction hash does not match" };
  }

  private queueOnDisconnect(body: Record<string, unknown>, kind: "set" | "merge"): Reply {
    const { path, data } = this.writeRequest(body, kind);
    const queued = this.onDisconnect.add(this.namespace, { path, kind, data }, this.principal);
    return queued ? { s: "ok", d: "" } : { s: "permission_denied", d: "Permission denied" };
  }

  private cancelOnDisconnect(body: Record<string, unknown>): Reply {
    this.onDisconnect.cancel(parsePath(String(body.p ?? "/")));
    return { s: "ok", d: "" };
  }

  close(): void {
    this.socket.close();
  }

  terminate(): void {
    this.socket.terminate();
  }

  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const { path, queryKey } of this.listens.values())
      this.namespace.listeners.remove(path, queryKey, this);
    this.listens.clear();
    this.onDisconnect.runAll(this.namespace, this.principal, this.events.log);
    this.events.closed(this);
  }

  /** After a rules or credential change: revoke listens the client may no longer read. */
  recheckListens(): void {
    for (const [key, { path, queryKey, query }] of this.listens) {
      if (this.namespace.canRead(path, this.principal, queryRuleVariable(query))) continue;
      this.listens.delete(key);
      this.namespace.listeners.remove(path, queryKey, this);
      // The SDK identifies a revoked query by the list of its query objects.
      const revoked = queryKey === "default" ? {} : { q: [JSON.parse(queryKey) as unknown] };
      this.sendJson({ t: "d", d: { a: "c", b: { p: `/${path.join("/")}`, ...revoked } } });
    }
  }
}

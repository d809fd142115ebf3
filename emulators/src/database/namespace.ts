/**
 * One database instance (namespace): its data, its rules, its listeners, and the single write
 * path every protocol goes through (resolve server values, check rules, commit, fan out,
 * report to triggers).
 */
import type { Principal } from "./auth.js";
import { type CommittedChange, ListenerRegistry, type ListenGroup, type ListenSink } from "./listeners.js";
import { nodeHash } from "./node-hash.js";
import { parsePath } from "./path.js";
import type { QuerySpec } from "./query.js";
import type { RuleSet } from "./rules/ruleset.js";
import { resolveServerValues } from "./server-values.js";
import { getChild, InvalidDataError, type Json, type MaybeNode, nodeFromJson, setChild } from "./tree.js";

export interface WriteRequest {
  path: readonly string[];
  kind: "set" | "merge";
  data: unknown;
  principal: Principal;
  /** Transactions: the SDK's hash of the value the update was computed from. */
  hash?: string;
  /** onDisconnect operations were authorized when they were queued. */
  skipRules?: boolean;
  skipTriggers?: boolean;
  /** Check rules and data without committing (used to authorize onDisconnect operations). */
  dryRun?: boolean;
}

export interface CommittedWrite {
  namespace: string;
  before: MaybeNode;
  after: MaybeNode;
  /** Absolute paths written, each with its resolved value. */
  entries: Array<{ path: readonly string[]; value: MaybeNode }>;
  principal: Principal;
}

export type WriteOutcome =
  | { status: "ok"; resolved: Json }
  | { status: "permission_denied" }
  | { status: "datastale" };

export type CommitListener = (write: CommittedWrite) => void;

export class DatabaseNamespace {
  root: MaybeNode = null;
  readonly listeners = new ListenerRegistry();

  constructor(
    readonly name: string,
    public rules: RuleSet,
    private readonly onCommit: CommitListener,
  ) {}

  canRead(path: readonly string[], principal: Principal, query?: Record<string, unknown>): boolean {
    if (principal.kind === "admin") return true;
    const auth = principal.kind === "user" ? principal.auth : null;
    return this.rules.canRead(path, auth, this.root, Date.now(), query);
  }

  listen(
    sink: ListenSink,
    path: readonly string[],
    queryKey: string,
    query: QuerySpec | undefined,
    tag: number | undefined,
  ): ListenGroup {
    const group = this.listeners.add(path, queryKey, query, sink, tag);
    sink.deliver(group.snapshot(this.root), tag, group);
    return group;
  }

  /** Builds the write's entries; a merge addresses several paths below `path`. */
  private entriesOf(request: WriteRequest): Array<{ path: string[]; data: unknown }> {
    if (request.kind === "set") return [{ path: [...request.path], data: request.data }];
    if (request.data === null || typeof request.data !== "object" || Array.isArray(request.data)) {
      throw new InvalidDataError("Update data must be an object");
    }
    const entries = Object.entries(request.data as Record<string, unknown>).map(([key, data]) => ({
      path: [...request.path, ...parsePath(key)],
      data,
    }));
    entries.forEach((a, i) => {
      entries.forEach((b, j) => {
        if (i !== j && a.path.length <= b.path.length && a.path.every((seg, k) => b.path[k] === seg)) {
          throw new InvalidDataError(`Update paths overlap: /${a.path.join("/")} and /${b.path.join("/")}`);
        }
      });
    });
    return entries;
  }

  write(request: WriteRequest): WriteOutcome {
    const before = this.root;
    if (request.hash !== undefined && nodeHash(getChild(before, request.path)) !== request.hash) {
      return { status: "datastale" };
    }
    const now = Date.now();
    let after = before;
    const entries: CommittedWrite["entries"] = [];
    const resolvedByKey: { [key: string]: Json } = {};
    let resolvedSet: Json = null;
    for (const entry of this.entriesOf(request)) {
      const resolved = resolveServerValues(entry.data, getChild(before, entry.path), now);
      const value = nodeFromJson(resolved, `/${entry.path.join("/")}/`);
      after = setChild(after, entry.path, value);
      entries.push({ path: entry.path, value });
      resolvedSet = resolved;
      resolvedByKey[entry.path.slice(request.path.length).join("/")] = resolved;
    }
    const principal = request.principal;
    if (principal.kind !== "admin" && !request.skipRules) {
      const auth = principal.kind === "user" ? principal.auth : null;
      const allowed = this.rules.canWrite(
        entries.map((entry) => entry.path),
        { auth, oldRoot: before, newRoot: after, now },
      );
      if (!allowed) return { status: "permission_denied" };
    }
    const resolved = request.kind === "set" ? resolvedSet : resolvedByKey;
    if (request.dryRun || after === before || entries.length === 0) return { status: "ok", resolved };
    this.root = after;
    const change: CommittedChange =
      request.kind === "set"
        ? { base: request.path }
        : { base: request.path, mergeKeys: entries.map((entry) => entry.path.slice(request.path.length)) };
    this.listeners.notify(change, after);
    if (!request.skipTriggers) this.onCommit({ namespace: this.name, before, after, entries, principal });
    return { status: "ok", resolved };
  }

  /** Drops all data (listeners see it vanish). */
  reset(): void {
    this.write({ path: [], kind: "set", data: null, principal: { kind: "admin" }, skipTriggers: true });
  }
}

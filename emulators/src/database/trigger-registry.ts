/**
 * Database trigger registrations as the Functions emulator sends them to
 * `POST /.settings/functionTriggers.json`, and the pure matching of a committed write against
 * their path patterns (`{id}` captures, `{rest=**}` tails, `*` segments).
 */
import { childrenOf, getChild, type MaybeNode } from "./tree.js";

type Segment =
  | { kind: "literal"; value: string }
  | { kind: "single"; name?: string }
  | { kind: "multi"; name?: string };

export type ChangeKind = "create" | "update" | "delete" | "write";

export interface TriggerRegistration {
  /** Upsert key: the trigger name without the `-N` suffix a disable/enable cycle appends. */
  functionKey: string;
  projectId: string;
  triggerKey: string;
  flavor: "v1" | "v2";
  eventType: string;
  change: ChangeKind;
  path: string;
  pattern: Segment[];
  namespacePattern: string;
}

const V2_EVENTS: Record<string, ChangeKind> = {
  "google.firebase.database.ref.v1.created": "create",
  "google.firebase.database.ref.v1.updated": "update",
  "google.firebase.database.ref.v1.deleted": "delete",
  "google.firebase.database.ref.v1.written": "write",
};
const V1_PREFIX = "providers/google.firebase.database/eventTypes/ref.";

export class InvalidTriggerError extends Error {}

function parsePattern(raw: string): Segment[] {
  return raw
    .split("/")
    .filter((part) => part.length > 0)
    .map((part): Segment => {
      const capture = /^\{([^}=]+)(=\*\*)?\}$/.exec(part);
      if (capture) return { kind: capture[2] ? "multi" : "single", name: capture[1] as string };
      if (part === "**") return { kind: "multi" };
      if (part === "*") return { kind: "single" };
      return { kind: "literal", value: part };
    });
}

export function parseRegistration(body: unknown, namespaceParam: string | null): TriggerRegistration {
  const record = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const { name, path, event } = record;
  if (typeof name !== "string" || typeof path !== "string" || typeof event !== "string") {
    throw new InvalidTriggerError("A trigger needs string name, path and event fields");
  }
  const nameMatch = /^projects\/([^/]+)\/locations\/[^/]+\/(?:triggers|functions)\/(.+)$/.exec(name);
  if (!nameMatch) throw new InvalidTriggerError(`Unrecognised trigger name ${name}`);
  const v2Change = V2_EVENTS[event];
  const v1Change = event.startsWith(V1_PREFIX) ? event.slice(V1_PREFIX.length) : undefined;
  const change = v2Change ?? v1Change;
  if (change !== "create" && change !== "update" && change !== "delete" && change !== "write") {
    throw new InvalidTriggerError(`Unsupported database event type ${event}`);
  }
  const triggerKey = nameMatch[2] as string;
  const namespacePattern =
    typeof record.namespacePattern === "string" ? record.namespacePattern : (namespaceParam ?? "*");
  return {
    functionKey: name.replace(/-\d+$/, ""),
    projectId: nameMatch[1] as string,
    triggerKey,
    flavor: v2Change ? "v2" : "v1",
    eventType: event,
    change,
    path,
    pattern: parsePattern(path),
    namespacePattern,
  };
}

export function namespaceMatches(pattern: string, namespace: string): boolean {
  if (pattern === "*" || /^\{[^}]*\}$/.test(pattern)) return true;
  const regex = new RegExp(`^${pattern.replace(/[.+?^$()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
  return regex.test(namespace);
}

export interface MatchedPath {
  path: string[];
  params: Record<string, string>;
}

/**
 * Concrete paths matching `pattern` whose value a write at `changed` may have altered: along the
 * written path, then (when the pattern reaches deeper than the write) every child that exists
 * before or after it.
 */
export function matchingPaths(
  pattern: Segment[],
  changed: readonly string[],
  before: MaybeNode,
  after: MaybeNode,
): MatchedPath[] {
  const out: MatchedPath[] = [];
  const visit = (index: number, path: string[], params: Record<string, string>) => {
    const segment = pattern[index];
    if (!segment) {
      out.push({ path, params });
      return;
    }
    const depth = path.length;
    if (segment.kind === "multi") {
      const tail = changed.length > depth ? changed.slice(depth) : [];
      out.push({
        path: [...path, ...tail],
        params: segment.name ? { ...params, [segment.name]: tail.join("/") } : params,
      });
      return;
    }
    const keys =
      depth < changed.length
        ? [changed[depth] as string]
        : [
            ...new Set([
              ...childrenOf(getChild(before, path)).keys(),
              ...childrenOf(getChild(after, path)).keys(),
            ]),
          ];
    for (const key of keys) {
      if (segment.kind === "literal" && segment.value !== key) continue;
      const nextParams =
        segment.kind === "single" && segment.name ? { ...params, [segment.name]: key } : params;
      visit(index + 1, [...path, key], nextParams);
    }
  };
  visit(0, [], {});
  return out;
}

/**
 * Queries: which children of a location a listener or REST read sees. Mirrors the client's
 * ranged/limited filters so the window we push is exactly the window the SDK expects.
 */
import { compareValues, MAX_NAME, MIN_NAME, nameCompare } from "./ordering.js";
import { parsePath } from "./path.js";
import { childrenOf, type DataNode, getChild, type Json, type MaybeNode, nodeFromJson } from "./tree.js";

export type QueryIndex =
  | { kind: "priority" }
  | { kind: "key" }
  | { kind: "value" }
  | { kind: "child"; path: string[]; raw: string };

export interface QueryBound {
  value: Json;
  name: string | undefined;
  inclusive: boolean;
}

export interface QuerySpec {
  index: QueryIndex;
  start?: QueryBound;
  end?: QueryBound;
  limit?: number;
  fromRight: boolean;
}

export class InvalidQueryError extends Error {}

export function parseIndex(raw: string | undefined): QueryIndex {
  if (raw === undefined || raw === ".priority" || raw === "$priority") return { kind: "priority" };
  if (raw === ".key" || raw === "$key") return { kind: "key" };
  if (raw === ".value" || raw === "$value") return { kind: "value" };
  return { kind: "child", path: parsePath(raw), raw };
}

function asJsonBound(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  throw new InvalidQueryError("Query bounds must be null, a boolean, a number or a string");
}

/** The `q` object of a listen/get request (keys sp, sn, sin, ep, en, ein, l, vf, i). */
export function parseWireQuery(raw: unknown): QuerySpec {
  const q = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const spec: QuerySpec = { index: parseIndex(typeof q.i === "string" ? q.i : undefined), fromRight: false };
  if ("sp" in q) {
    spec.start = {
      value: asJsonBound(q.sp),
      name: typeof q.sn === "string" ? q.sn : undefined,
      inclusive: q.sin !== false,
    };
  }
  if ("ep" in q) {
    spec.end = {
      value: asJsonBound(q.ep),
      name: typeof q.en === "string" ? q.en : undefined,
      inclusive: q.ein !== false,
    };
  }
  if (typeof q.l === "number") {
    spec.limit = q.l;
    spec.fromRight = q.vf === "r" || (q.vf === undefined && spec.start === undefined);
  }
  return spec;
}

/** A canonical key for a wire query object, so equal queries share one listener group. */
export function queryKeyOf(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(queryKeyOf).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${queryKeyOf(item)}`).join(",")}}`;
}

export function loadsAllData(spec: QuerySpec): boolean {
  return spec.start === undefined && spec.end === undefined && spec.limit === undefined;
}

interface Entry {
  name: string;
  node: DataNode;
  indexValue: MaybeNode;
}

function indexValueOf(index: QueryIndex, name: string, node: DataNode): MaybeNode {
  switch (index.kind) {
    case "priority":
      return node.priority === undefined ? null : { kind: "leaf", value: node.priority };
    case "key":
      return { kind: "leaf", value: name };
    case "value":
      return node;
    case "child":
      return getChild(node, index.path);
  }
}

function compareEntries(index: QueryIndex, a: Entry, b: Entry): number {
  if (index.kind === "key") return nameCompare(a.name, b.name);
  return compareValues(a.indexValue, b.indexValue) || nameCompare(a.name, b.name);
}

/** Position of an entry relative to a bound: negative if the entry sorts before it. */
function compareToBound(index: QueryIndex, entry: Entry, bound: QueryBound, defaultName: string): number {
  if (index.kind === "key") return nameCompare(entry.name, String(bound.value));
  const byValue = compareValues(entry.indexValue, nodeFromJson(bound.value));
  return byValue || nameCompare(entry.name, bound.name ?? defaultName);
}

function withinBounds(spec: QuerySpec, entry: Entry): boolean {
  if (spec.start) {
    // An exclusive bound without a key excludes every child holding the bound value.
    const position = compareToBound(
      spec.index,
      entry,
      spec.start,
      spec.start.inclusive ? MIN_NAME : MAX_NAME,
    );
    if (position < 0 || (position === 0 && !spec.start.inclusive)) return false;
  }
  if (spec.end) {
    const position = compareToBound(spec.index, entry, spec.end, spec.end.inclusive ? MAX_NAME : MIN_NAME);
    if (position > 0 || (position === 0 && !spec.end.inclusive)) return false;
  }
  return true;
}

/** The children a query selects, in query order. */
export function queryEntries(node: MaybeNode, spec: QuerySpec): Array<[string, DataNode]> {
  if (node === null || node.kind === "leaf") return [];
  const entries: Entry[] = [];
  for (const [name, child] of childrenOf(node)) {
    const entry = { name, node: child, indexValue: indexValueOf(spec.index, name, child) };
    if (withinBounds(spec, entry)) entries.push(entry);
  }
  entries.sort((a, b) => compareEntries(spec.index, a, b));
  let selected = entries;
  if (spec.limit !== undefined && entries.length > spec.limit) {
    selected = spec.fromRight ? entries.slice(entries.length - spec.limit) : entries.slice(0, spec.limit);
  }
  return selected.map((entry) => [entry.name, entry.node]);
}

/** The query's view of a location, as a node (null when nothing matches). */
export function applyQuery(node: MaybeNode, spec: QuerySpec): MaybeNode {
  if (loadsAllData(spec)) return node;
  const selected = queryEntries(node, spec);
  if (selected.length === 0) return null;
  return { kind: "branch", children: new Map(selected) };
}

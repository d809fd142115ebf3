/**
 * The Realtime Database data model: an immutable tree of nodes with optional priorities.
 *
 * Nodes are never mutated after creation, so a write builds a new root that shares every
 * untouched subtree with the old one. That gives rules evaluation `data` and `newData` side by
 * side for free, and lets triggers see the "before" value without copying.
 */
import { nameCompare } from "./ordering.js";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Leaf = string | number | boolean;
export type Priority = string | number;

export interface LeafNode {
  readonly kind: "leaf";
  readonly value: Leaf;
  readonly priority?: Priority;
}

export interface BranchNode {
  readonly kind: "branch";
  readonly children: ReadonlyMap<string, DataNode>;
  readonly priority?: Priority;
}

export type DataNode = LeafNode | BranchNode;
/** `null` is the empty node: RTDB has no distinction between "absent" and "null". */
export type MaybeNode = DataNode | null;

export class InvalidDataError extends Error {}

const EMPTY_CHILDREN: ReadonlyMap<string, DataNode> = new Map();
const FORBIDDEN_KEY_CHARS = new Set([".", "#", "$", "[", "]", "/"]);

function isAllowedKeyChar(char: string): boolean {
  const code = char.charCodeAt(0);
  return code > 0x1f && code !== 0x7f && !FORBIDDEN_KEY_CHARS.has(char);
}

export function isValidKey(key: string): boolean {
  return key.length > 0 && [...key].every(isAllowedKeyChar) && Buffer.byteLength(key) <= 768;
}

function leaf(value: Leaf, priority?: Priority): LeafNode {
  return priority === undefined ? { kind: "leaf", value } : { kind: "leaf", value, priority };
}

function branch(children: ReadonlyMap<string, DataNode>, priority?: Priority): BranchNode | null {
  if (children.size === 0) return null; // empty objects vanish, and take their priority with them
  return priority === undefined ? { kind: "branch", children } : { kind: "branch", children, priority };
}

function parsePriority(raw: unknown, where: string): Priority | undefined {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw === "string" || (typeof raw === "number" && Number.isFinite(raw))) return raw;
  throw new InvalidDataError(`Invalid priority at ${where}: must be a string, number or null`);
}

/** Builds a node from JSON as the SDKs send it (export format: `.value` / `.priority` allowed). */
export function nodeFromJson(json: unknown, where = "/"): MaybeNode {
  if (json === null || json === undefined) return null;
  if (typeof json === "boolean" || typeof json === "string") return leaf(json);
  if (typeof json === "number") {
    if (!Number.isFinite(json)) throw new InvalidDataError(`Invalid number at ${where}`);
    return leaf(json);
  }
  if (Array.isArray(json)) {
    const children = new Map<string, DataNode>();
    json.forEach((item, index) => {
      const child = nodeFromJson(item, `${where}${index}/`);
      if (child) children.set(String(index), child);
    });
    return branch(children);
  }
  if (typeof json !== "object") throw new InvalidDataError(`Invalid data at ${where}`);
  const record = json as Record<string, unknown>;
  const priority = parsePriority(record[".priority"], where);
  if (".value" in record) {
    const inner = nodeFromJson(record[".value"], where);
    return inner ? withPriority(inner, priority) : null;
  }
  if (".sv" in record) throw new InvalidDataError(`Unresolved server value at ${where}`);
  const children = new Map<string, DataNode>();
  for (const [key, value] of Object.entries(record)) {
    if (key === ".priority") continue;
    if (!isValidKey(key)) throw new InvalidDataError(`Invalid key "${key}" at ${where}`);
    const child = nodeFromJson(value, `${where}${key}/`);
    if (child) children.set(key, child);
  }
  return branch(children, priority);
}

export function withPriority(node: DataNode, priority: Priority | undefined): DataNode {
  if (node.kind === "leaf") return leaf(node.value, priority);
  return branch(node.children, priority) as BranchNode;
}

const ARRAY_KEY = /^(0|[1-9]\d*)$/;

/**
 * Plain JSON as REST returns it: no priorities, and objects whose keys are all small
 * non-negative integers come back as arrays (holes become null), like the SDK's `val()`.
 */
export function nodeToJson(node: MaybeNode): Json {
  if (node === null) return null;
  if (node.kind === "leaf") return node.value;
  let maxKey = -1;
  let allIntegerKeys = true;
  for (const key of node.children.keys()) {
    if (!ARRAY_KEY.test(key)) {
      allIntegerKeys = false;
      break;
    }
    maxKey = Math.max(maxKey, Number(key));
  }
  if (allIntegerKeys && maxKey < 2 * node.children.size) {
    const array: Json[] = new Array(maxKey + 1).fill(null);
    for (const [key, child] of node.children) array[Number(key)] = nodeToJson(child);
    return array;
  }
  const out: { [key: string]: Json } = {};
  for (const [key, child] of node.children) out[key] = nodeToJson(child);
  return out;
}

/** Export format (what the wire protocol and `format=export` carry): priorities included. */
export function nodeToExportJson(node: MaybeNode): Json {
  if (node === null) return null;
  if (node.kind === "leaf") {
    return node.priority === undefined ? node.value : { ".value": node.value, ".priority": node.priority };
  }
  const out: { [key: string]: Json } = {};
  for (const [key, child] of node.children) out[key] = nodeToExportJson(child);
  if (node.priority !== undefined) out[".priority"] = node.priority;
  return out;
}

export function childrenOf(node: MaybeNode): ReadonlyMap<string, DataNode> {
  return node?.kind === "branch" ? node.children : EMPTY_CHILDREN;
}

export function getChild(node: MaybeNode, path: readonly string[]): MaybeNode {
  let current = node;
  for (const key of path) {
    if (current === null) return null;
    if (key === ".priority") {
      return current.priority === undefined ? null : leaf(current.priority);
    }
    current = childrenOf(current).get(key) ?? null;
  }
  return current;
}

/** Returns a new tree with `value` at `path`; parents left empty by a delete disappear. */
export function setChild(node: MaybeNode, path: readonly string[], value: MaybeNode, depth = 0): MaybeNode {
  if (depth === path.length) return value;
  const key = path[depth] as string;
  if (key === ".priority") {
    if (node === null) return null; // a priority cannot live on an empty node
    const priority = value === null ? undefined : value.kind === "leaf" ? value.value : undefined;
    if (typeof priority === "boolean") throw new InvalidDataError("Priority must be a string or number");
    return withPriority(node, priority);
  }
  const children = childrenOf(node);
  const oldChild = children.get(key) ?? null;
  const newChild = setChild(oldChild, path, value, depth + 1);
  if (newChild === oldChild) return node;
  const copy = new Map(children);
  if (newChild === null) copy.delete(key);
  else copy.set(key, newChild);
  return branch(copy, node?.priority);
}

export function nodesEqual(a: MaybeNode, b: MaybeNode): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.kind !== b.kind || a.priority !== b.priority) return false;
  if (a.kind === "leaf") return a.value === (b as LeafNode).value;
  const bChildren = (b as BranchNode).children;
  if (a.children.size !== bChildren.size) return false;
  for (const [key, child] of a.children) {
    if (!nodesEqual(child, bChildren.get(key) ?? null)) return false;
  }
  return true;
}

export function sortedKeys(node: MaybeNode): string[] {
  return [...childrenOf(node).keys()].sort(nameCompare);
}

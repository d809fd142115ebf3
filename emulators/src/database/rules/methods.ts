/**
 * The methods rule expressions may call: RuleDataSnapshot methods on `data`/`newData`/`root`
 * and the string methods, with the production names and argument checks.
 */
import { parsePath } from "../path.js";
import { childrenOf, getChild, type MaybeNode, nodeToJson } from "../tree.js";

export class RuleEvalError extends Error {}

/** A RuleDataSnapshot: a position in one of the trees. */
export class RuleSnapshot {
  constructor(
    readonly tree: MaybeNode,
    readonly path: readonly string[],
  ) {}
  get node(): MaybeNode {
    return getChild(this.tree, this.path);
  }
}

export type Value =
  | null
  | boolean
  | number
  | string
  | RuleSnapshot
  | RegExp
  | Value[]
  | { [key: string]: unknown };

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (value instanceof RuleSnapshot) return "snapshot";
  if (value instanceof RegExp) return "regex";
  return Array.isArray(value) ? "array" : typeof value;
}

export function toValue(raw: unknown): Value {
  if (raw === undefined) return null;
  return raw as Value;
}

function childPath(snapshot: RuleSnapshot, raw: unknown): string[] {
  if (typeof raw !== "string") throw new RuleEvalError(`child path must be a string, got ${describe(raw)}`);
  return [...snapshot.path, ...parsePath(raw)];
}

export function callSnapshot(snapshot: RuleSnapshot, method: string, args: Value[]): Value {
  const node = snapshot.node;
  switch (method) {
    case "val":
      return toValue(nodeToJson(node));
    case "exists":
      return node !== null;
    case "child":
      return new RuleSnapshot(snapshot.tree, childPath(snapshot, args[0]));
    case "parent":
      if (snapshot.path.length === 0) throw new RuleEvalError("parent() called on the root");
      return new RuleSnapshot(snapshot.tree, snapshot.path.slice(0, -1));
    case "hasChild":
      return getChild(snapshot.tree, childPath(snapshot, args[0])) !== null;
    case "hasChildren": {
      if (args.length === 0) return childrenOf(node).size > 0;
      const names = args[0];
      if (!Array.isArray(names)) throw new RuleEvalError("hasChildren() expects an array of names");
      return names.every((name) => getChild(snapshot.tree, childPath(snapshot, name)) !== null);
    }
    case "getPriority":
      return node?.priority ?? null;
    case "isNumber":
      return node?.kind === "leaf" && typeof node.value === "number";
    case "isString":
      return node?.kind === "leaf" && typeof node.value === "string";
    case "isBoolean":
      return node?.kind === "leaf" && typeof node.value === "boolean";
    default:
      throw new RuleEvalError(`Unknown snapshot method ${method}()`);
  }
}

function requireString(value: Value, method: string): string {
  if (typeof value !== "string") throw new RuleEvalError(`${method}() expects a string argument`);
  return value;
}

export function callString(text: string, method: string, args: Value[]): Value {
  const [first, second] = args;
  switch (method) {
    case "contains":
      return text.includes(requireString(first ?? null, method));
    case "beginsWith":
      return text.startsWith(requireString(first ?? null, method));
    case "endsWith":
      return text.endsWith(requireString(first ?? null, method));
    case "replace":
      return text.split(requireString(first ?? null, method)).join(requireString(second ?? null, method));
    case "toLowerCase":
      return text.toLowerCase();
    case "toUpperCase":
      return text.toUpperCase();
    case "matches":
      if (!(first instanceof RegExp)) throw new RuleEvalError("matches() expects a regular expression");
      return first.test(text);
    default:
      throw new RuleEvalError(`Unknown string method ${method}()`);
  }
}

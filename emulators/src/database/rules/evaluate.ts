/**
 * Evaluates a parsed rule expression. Pure: the caller supplies the data trees, the auth
 * variable and the clock. Type errors throw RuleEvalError; the caller treats that as "denied"
 * and reports the expression, like the production server does.
 */
import type { MaybeNode } from "../tree.js";
import {
  callSnapshot,
  callString,
  describe,
  RuleEvalError,
  RuleSnapshot,
  toValue,
  type Value,
} from "./methods.js";
import type { Expr } from "./parser.js";

export { RuleEvalError, RuleSnapshot };

export interface AuthContext {
  uid: string;
  provider: string;
  token: Record<string, unknown>;
}

export interface EvalContext {
  auth: AuthContext | null;
  variables: ReadonlyMap<string, string>;
  root: MaybeNode;
  /** Present only while evaluating writes. */
  newRoot?: MaybeNode;
  path: readonly string[];
  now: number;
  query?: Record<string, unknown>;
}

function member(object: Value, property: string): Value {
  if (typeof object === "string") {
    if (property === "length") return object.length;
    throw new RuleEvalError(`Unknown string property ${property}`);
  }
  if (object === null) throw new RuleEvalError(`Cannot read property '${property}' of null`);
  if (
    object instanceof RuleSnapshot ||
    object instanceof RegExp ||
    Array.isArray(object) ||
    typeof object !== "object"
  ) {
    throw new RuleEvalError(`Cannot read property '${property}' of ${describe(object)}`);
  }
  return Object.hasOwn(object, property) ? toValue(object[property]) : null;
}

function compare(op: string, left: Value, right: Value): boolean {
  const comparable =
    (typeof left === "number" && typeof right === "number") ||
    (typeof left === "string" && typeof right === "string");
  if (!comparable) throw new RuleEvalError(`Cannot compare ${describe(left)} ${op} ${describe(right)}`);
  const l = left as number | string;
  const r = right as number | string;
  if (op === "<") return l < r;
  if (op === "<=") return l <= r;
  if (op === ">") return l > r;
  return l >= r;
}

function arithmetic(op: string, left: Value, right: Value): Value {
  if (op === "+" && (typeof left === "string" || typeof right === "string")) {
    if (left instanceof RuleSnapshot || right instanceof RuleSnapshot)
      throw new RuleEvalError("Cannot add a snapshot");
    return String(left) + String(right);
  }
  if (typeof left !== "number" || typeof right !== "number") {
    throw new RuleEvalError(`Operator ${op} needs numbers, got ${describe(left)} and ${describe(right)}`);
  }
  if (op === "+") return left + right;
  if (op === "-") return left - right;
  if (op === "*") return left * right;
  if (op === "/") return left / right;
  return left % right;
}

function requireBoolean(value: Value, what: string): boolean {
  if (typeof value !== "boolean")
    throw new RuleEvalError(`${what} must be a boolean, got ${describe(value)}`);
  return value;
}

function identifier(name: string, context: EvalContext): Value {
  if (name.startsWith("$")) {
    const bound = context.variables.get(name);
    if (bound === undefined) throw new RuleEvalError(`Unknown variable ${name}`);
    return bound;
  }
  switch (name) {
    case "auth":
      return context.auth
        ? { uid: context.auth.uid, provider: context.auth.provider, token: context.auth.token }
        : null;
    case "now":
      return context.now;
    case "root":
      return new RuleSnapshot(context.root, []);
    case "data":
      return new RuleSnapshot(context.root, context.path);
    case "newData":
      if (context.newRoot === undefined) throw new RuleEvalError("newData is only available in write rules");
      return new RuleSnapshot(context.newRoot, context.path);
    case "query":
      return context.query ?? {};
    default:
      throw new RuleEvalError(`Unknown variable ${name}`);
  }
}

export function evaluate(expr: Expr, context: EvalContext): Value {
  switch (expr.type) {
    case "literal":
      return expr.value;
    case "regex":
      return expr.regex;
    case "array":
      return expr.items.map((item) => evaluate(item, context));
    case "ident":
      return identifier(expr.name, context);
    case "member":
      return member(evaluate(expr.object, context), expr.property);
    case "index": {
      const index = evaluate(expr.index, context);
      return member(evaluate(expr.object, context), String(index));
    }
    case "call": {
      if (expr.callee.type !== "member") throw new RuleEvalError("Only methods can be called");
      const target = evaluate(expr.callee.object, context);
      const args = expr.args.map((arg) => evaluate(arg, context));
      if (target instanceof RuleSnapshot) return callSnapshot(target, expr.callee.property, args);
      if (typeof target === "string") return callString(target, expr.callee.property, args);
      throw new RuleEvalError(`Cannot call ${expr.callee.property}() on ${describe(target)}`);
    }
    case "unary": {
      const operand = evaluate(expr.operand, context);
      if (expr.op === "!") return !requireBoolean(operand, "Operand of !");
      if (typeof operand !== "number") throw new RuleEvalError("Operand of unary - must be a number");
      return -operand;
    }
    case "ternary":
      return requireBoolean(evaluate(expr.test, context), "Condition of ?:")
        ? evaluate(expr.then, context)
        : evaluate(expr.otherwise, context);
    case "binary":
      return binary(expr.op, expr.left, expr.right, context);
  }
}

function binary(op: string, leftExpr: Expr, rightExpr: Expr, context: EvalContext): Value {
  if (op === "&&" || op === "||") {
    const left = requireBoolean(evaluate(leftExpr, context), `Left side of ${op}`);
    if (op === "&&" ? !left : left) return left;
    return requireBoolean(evaluate(rightExpr, context), `Right side of ${op}`);
  }
  const left = evaluate(leftExpr, context);
  const right = evaluate(rightExpr, context);
  switch (op) {
    case "==":
    case "===":
      return left === right;
    case "!=":
    case "!==":
      return left !== right;
    case "<":
    case "<=":
    case ">":
    case ">=":
      return compare(op, left, right);
    default:
      return arithmetic(op, left, right);
  }
}

/**
 * A loaded `database.rules.json`: the rule tree, and the read/write/validate semantics of the
 * production server (`.read`/`.write` cascade down and grant everything below; `.validate`
 * never cascades and must hold at every written location, including ancestors; deletes are
 * not validated).
 */
import { pathToString } from "../path.js";
import { childrenOf, getChild, type MaybeNode, nodesEqual } from "../tree.js";
import { type AuthContext, evaluate, RuleEvalError } from "./evaluate.js";
import { type Expr, parseExpression } from "./parser.js";
import { parseRulesJson, RulesError } from "./source.js";

export { RulesError };

type RuleKind = ".read" | ".write" | ".validate";

interface CompiledRule {
  kind: RuleKind;
  source: string;
  expr: Expr;
  location: string;
}

interface RuleNode {
  rules: Partial<Record<RuleKind, CompiledRule>>;
  indexOn: string[];
  children: Map<string, RuleNode>;
  wildcard?: { name: string; node: RuleNode };
}

interface Step {
  node: RuleNode;
  variables: Map<string, string>;
}

export interface WriteCheck {
  auth: AuthContext | null;
  oldRoot: MaybeNode;
  newRoot: MaybeNode;
  now: number;
}

export type RuleLogger = (message: string) => void;

function compileNode(raw: unknown, location: string[]): RuleNode {
  const where = pathToString(location);
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new RulesError(`${where}: rules must be an object`);
  }
  const node: RuleNode = { rules: {}, indexOn: [], children: new Map() };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key === ".read" || key === ".write" || key === ".validate") {
      if (typeof value !== "string" && typeof value !== "boolean") {
        throw new RulesError(`${where}/${key}: expected a string or boolean expression`);
      }
      const source = String(value);
      try {
        node.rules[key] = { kind: key, source, expr: parseExpression(source), location: where };
      } catch (error) {
        throw new RulesError(`${where}/${key}: ${(error as Error).message} in "${source}"`);
      }
    } else if (key === ".indexOn") {
      const list = Array.isArray(value) ? value : [value];
      if (!list.every((item) => typeof item === "string"))
        throw new RulesError(`${where}/.indexOn: expected strings`);
      node.indexOn = list as string[];
    } else if (key.startsWith("$")) {
      if (node.wildcard)
        throw new RulesError(`${where}: two wildcards (${node.wildcard.name}, ${key}) at one level`);
      node.wildcard = { name: key, node: compileNode(value, [...location, key]) };
    } else if (key.startsWith(".")) {
      throw new RulesError(`${where}: unknown rule type ${key}`);
    } else {
      node.children.set(key, compileNode(value, [...location, key]));
    }
  }
  return node;
}

export class RuleSet {
  private readonly root: RuleNode;

  constructor(
    readonly source: string,
    private readonly log: RuleLogger,
  ) {
    this.root = compileNode(parseRulesJson(source), []);
  }

  static openAccess(log: RuleLogger): RuleSet {
    return new RuleSet('{\n  "rules": {\n    ".read": true,\n    ".write": true\n  }\n}\n', log);
  }

  private childStep(step: Step, key: string): Step | undefined {
    if (key === ".priority") return { node: step.node, variables: step.variables }; // a node's own attribute
    const literal = step.node.children.get(key);
    if (literal) return { node: literal, variables: step.variables };
    const wildcard = step.node.wildcard;
    if (!wildcard) return undefined;
    return { node: wildcard.node, variables: new Map(step.variables).set(wildcard.name, key) };
  }

  /** Rule nodes from the root down to `path` (shorter if the rules stop matching). */
  private walk(path: readonly string[]): Step[] {
    const steps: Step[] = [{ node: this.root, variables: new Map() }];
    for (const key of path) {
      const next = this.childStep(steps[steps.length - 1] as Step, key);
      if (!next) break;
      steps.push(next);
    }
    return steps;
  }

  private holds(
    rule: CompiledRule | undefined,
    step: Step,
    path: readonly string[],
    context: Omit<WriteCheck, "newRoot"> & { newRoot?: MaybeNode; query?: Record<string, unknown> },
  ): boolean {
    if (!rule) return false;
    try {
      const result = evaluate(rule.expr, {
        ...context,
        variables: step.variables,
        root: context.oldRoot,
        path,
      });
      if (typeof result !== "boolean") {
        throw new RuleEvalError(
          `rule evaluated to ${result === null ? "null" : typeof result}, not a boolean`,
        );
      }
      return result;
    } catch (error) {
      if (!(error instanceof RuleEvalError)) throw error;
      this.log(
        `Error evaluating ${rule.kind} at ${pathToString(path)} (rule ${rule.location}): "${rule.source}": ${error.message}`,
      );
      return false;
    }
  }

  canRead(
    path: readonly string[],
    auth: AuthContext | null,
    root: MaybeNode,
    now: number,
    query?: Record<string, unknown>,
  ): boolean {
    return this.walk(path).some((step, depth) =>
      this.holds(step.node.rules[".read"], step, path.slice(0, depth), { auth, oldRoot: root, now, query }),
    );
  }

  /** Whether a write that turned `oldRoot` into `newRoot` at the given paths is allowed. */
  canWrite(paths: readonly (readonly string[])[], check: WriteCheck): boolean {
    return paths.every((path) => this.writeAllowed(path, check) && this.validAt(path, check));
  }

  private writeAllowed(path: readonly string[], check: WriteCheck): boolean {
    const steps = this.walk(path);
    const granted = steps.some((step, depth) =>
      this.holds(step.node.rules[".write"], step, path.slice(0, depth), check),
    );
    if (granted) return true;
    const atPath = steps.length === path.length + 1 ? steps[path.length] : undefined;
    return atPath !== undefined && this.writeAllowedBelow(atPath, path, check);
  }

  /** Without a grant at or above a location, every changed child must be granted on its own. */
  private writeAllowedBelow(step: Step, path: readonly string[], check: WriteCheck): boolean {
    const before = getChild(check.oldRoot, path);
    const after = getChild(check.newRoot, path);
    if (before === after) return true;
    if (before?.kind === "leaf" || after?.kind === "leaf") return false;
    const keys = new Set([...childrenOf(before).keys(), ...childrenOf(after).keys()]);
    for (const key of keys) {
      // Children the write leaves as they were need no grant of their own.
      if (nodesEqual(childrenOf(before).get(key) ?? null, childrenOf(after).get(key) ?? null)) continue;
      const childPath = [...path, key];
      const child = this.childStep(step, key);
      if (!child) return false;
      if (this.holds(child.node.rules[".write"], child, childPath, check)) continue;
      if (!this.writeAllowedBelow(child, childPath, check)) return false;
    }
    return true;
  }

  private validAt(path: readonly string[], check: WriteCheck): boolean {
    const steps = this.walk(path);
    for (let depth = 0; depth < steps.length - 1; depth++) {
      if (!this.validates(steps[depth] as Step, path.slice(0, depth), check)) return false;
    }
    const atPath = steps.length === path.length + 1 ? steps[path.length] : undefined;
    return atPath === undefined || this.validSubtree(atPath, path, check);
  }

  private validates(step: Step, path: readonly string[], check: WriteCheck): boolean {
    const rule = step.node.rules[".validate"];
    if (!rule || getChild(check.newRoot, path) === null) return true;
    return this.holds(rule, step, path, check);
  }

  private validSubtree(step: Step, path: readonly string[], check: WriteCheck): boolean {
    const after = getChild(check.newRoot, path);
    if (after === null || after === getChild(check.oldRoot, path)) return true;
    if (!this.validates(step, path, check)) return false;
    for (const key of childrenOf(after).keys()) {
      const child = this.childStep(step, key);
      if (child && !this.validSubtree(child, [...path, key], check)) return false;
    }
    return true;
  }

  indexOn(path: readonly string[]): string[] {
    const steps = this.walk(path);
    return steps.length === path.length + 1 ? (steps[path.length] as Step).node.indexOn : [];
  }
}

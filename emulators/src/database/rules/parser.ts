/**
 * Parser for security rule expressions (the JavaScript-like language inside `.read`, `.write`
 * and `.validate` strings): literals, identifiers, member access, calls, regex literals,
 * unary/binary/ternary operators with JavaScript precedence.
 */

export type Expr =
  | { type: "literal"; value: null | boolean | number | string }
  | { type: "regex"; regex: RegExp }
  | { type: "array"; items: Expr[] }
  | { type: "ident"; name: string }
  | { type: "member"; object: Expr; property: string }
  | { type: "index"; object: Expr; index: Expr }
  | { type: "call"; callee: Expr; args: Expr[] }
  | { type: "unary"; op: "!" | "-"; operand: Expr }
  | { type: "binary"; op: string; left: Expr; right: Expr }
  | { type: "ternary"; test: Expr; then: Expr; otherwise: Expr };

export class RuleSyntaxError extends Error {}

type Token =
  | { kind: "num"; value: number }
  | { kind: "str"; value: string }
  | { kind: "ident"; value: string }
  | { kind: "regex"; value: RegExp }
  | { kind: "op"; value: string };

const OPERATORS = ["===", "!==", "==", "!=", "<=", ">=", "&&", "||", "<", ">", "+", "-", "*", "/", "%", "!"];
const PUNCTUATION = "()[].,?:";

function readString(source: string, start: number): [string, number] {
  const quote = source[start];
  let value = "";
  let i = start + 1;
  while (i < source.length && source[i] !== quote) {
    if (source[i] === "\\") {
      const next = source[i + 1] ?? "";
      value += ({ n: "\n", t: "\t", r: "\r" } as Record<string, string>)[next] ?? next;
      i += 2;
    } else {
      value += source[i];
      i += 1;
    }
  }
  if (i >= source.length) throw new RuleSyntaxError("Unterminated string literal");
  return [value, i + 1];
}

function readRegex(source: string, start: number): [RegExp, number] {
  let i = start + 1;
  let body = "";
  let inClass = false;
  while (i < source.length && (source[i] !== "/" || inClass)) {
    const char = source[i] as string;
    if (char === "\\") {
      body += char + (source[i + 1] ?? "");
      i += 2;
      continue;
    }
    if (char === "[") inClass = true;
    if (char === "]") inClass = false;
    body += char;
    i += 1;
  }
  if (i >= source.length) throw new RuleSyntaxError("Unterminated regular expression");
  i += 1;
  let flags = "";
  while (i < source.length && /[a-z]/.test(source[i] as string)) flags += source[i++];
  try {
    return [new RegExp(body, flags), i];
  } catch (error) {
    throw new RuleSyntaxError(`Invalid regular expression /${body}/: ${(error as Error).message}`);
  }
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const previousIsOperand = () => {
    const last = tokens[tokens.length - 1];
    if (!last) return false;
    if (last.kind === "op") return last.value === ")" || last.value === "]";
    return true;
  };
  while (i < source.length) {
    const char = source[i] as string;
    if (/\s/.test(char)) {
      i += 1;
    } else if (char === '"' || char === "'") {
      const [value, next] = readString(source, i);
      tokens.push({ kind: "str", value });
      i = next;
    } else if (/[0-9]/.test(char) || (char === "." && /[0-9]/.test(source[i + 1] ?? ""))) {
      const match = /^(\d*\.?\d+(?:[eE][+-]?\d+)?|\d+\.)/.exec(source.slice(i));
      const text = match?.[0] ?? char;
      tokens.push({ kind: "num", value: Number(text) });
      i += text.length;
    } else if (/[A-Za-z_$]/.test(char)) {
      const text = /^[A-Za-z0-9_$]+/.exec(source.slice(i))?.[0] ?? char;
      tokens.push({ kind: "ident", value: text });
      i += text.length;
    } else if (char === "/" && !previousIsOperand()) {
      const [regex, next] = readRegex(source, i);
      tokens.push({ kind: "regex", value: regex });
      i = next;
    } else if (PUNCTUATION.includes(char)) {
      tokens.push({ kind: "op", value: char });
      i += 1;
    } else {
      const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
      if (!op) throw new RuleSyntaxError(`Unexpected character '${char}' at position ${i}`);
      tokens.push({ kind: "op", value: op });
      i += op.length;
    }
  }
  return tokens;
}

const BINARY_LEVELS: string[][] = [
  ["||"],
  ["&&"],
  ["==", "!=", "===", "!=="],
  ["<", "<=", ">", ">="],
  ["+", "-"],
  ["*", "/", "%"],
];

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Expr {
    const expr = this.ternary();
    const extra = this.tokens[this.position];
    if (extra) throw new RuleSyntaxError(`Unexpected token '${String(extra.value)}'`);
    return expr;
  }

  private peekOp(...values: string[]): string | undefined {
    const token = this.tokens[this.position];
    return token?.kind === "op" && values.includes(token.value) ? token.value : undefined;
  }

  private expectOp(value: string): void {
    if (!this.peekOp(value)) {
      const token = this.tokens[this.position];
      throw new RuleSyntaxError(
        `Expected '${value}' but found ${token ? `'${String(token.value)}'` : "end of rule"}`,
      );
    }
    this.position += 1;
  }

  private ternary(): Expr {
    const test = this.binary(0);
    if (!this.peekOp("?")) return test;
    this.position += 1;
    const then = this.ternary();
    this.expectOp(":");
    return { type: "ternary", test, then, otherwise: this.ternary() };
  }

  private binary(level: number): Expr {
    const ops = BINARY_LEVELS[level];
    if (!ops) return this.unary();
    let left = this.binary(level + 1);
    for (let op = this.peekOp(...ops); op; op = this.peekOp(...ops)) {
      this.position += 1;
      left = { type: "binary", op, left, right: this.binary(level + 1) };
    }
    return left;
  }

  private unary(): Expr {
    const op = this.peekOp("!", "-");
    if (op === "!" || op === "-") {
      this.position += 1;
      return { type: "unary", op, operand: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private postfix(start: Expr): Expr {
    let expr = start;
    for (;;) {
      if (this.peekOp(".")) {
        this.position += 1;
        const name = this.tokens[this.position];
        if (name?.kind !== "ident") throw new RuleSyntaxError("Expected a property name after '.'");
        this.position += 1;
        expr = { type: "member", object: expr, property: name.value };
      } else if (this.peekOp("[")) {
        this.position += 1;
        const index = this.ternary();
        this.expectOp("]");
        expr = { type: "index", object: expr, index };
      } else if (this.peekOp("(")) {
        this.position += 1;
        expr = { type: "call", callee: expr, args: this.list(")") };
      } else {
        return expr;
      }
    }
  }

  private list(close: string): Expr[] {
    const items: Expr[] = [];
    while (!this.peekOp(close)) {
      items.push(this.ternary());
      if (!this.peekOp(close)) this.expectOp(",");
    }
    this.position += 1;
    return items;
  }

  private primary(): Expr {
    const token = this.tokens[this.position];
    if (!token) throw new RuleSyntaxError("Unexpected end of rule");
    this.position += 1;
    switch (token.kind) {
      case "num":
      case "str":
        return { type: "literal", value: token.value };
      case "regex":
        return { type: "regex", regex: token.value };
      case "ident":
        if (token.value === "true" || token.value === "false")
          return { type: "literal", value: token.value === "true" };
        if (token.value === "null") return { type: "literal", value: null };
        return { type: "ident", name: token.value };
      case "op":
        if (token.value === "(") {
          const inner = this.ternary();
          this.expectOp(")");
          return inner;
        }
        if (token.value === "[") return { type: "array", items: this.list("]") };
        throw new RuleSyntaxError(`Unexpected token '${token.value}'`);
    }
  }
}

export function parseExpression(source: string): Expr {
  return new Parser(tokenize(source)).parse();
}

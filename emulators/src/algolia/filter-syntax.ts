/**
 * Algolia's `filters` syntax (SQL-like: `price < 10 AND (category:Book OR NOT category:Ebook)`) parsed into
 * a small tree. Facet filters `attr:value`, booleans `attr:true`, tags `_tags:x` or a bare `x`, numeric
 * comparisons `attr >= 3` and ranges `attr:1 TO 5`; AND, OR, NOT and parentheses. Like Algolia, only
 * conjunctions of OR-groups are accepted, and NOT only in front of a single filter.
 */
import { AlgoliaError } from "./http.js";

export type NumericOperator = "<" | "<=" | "=" | "!=" | ">=" | ">";

export type Condition =
  | { kind: "facet"; attribute: string; value: string }
  | { kind: "numeric"; attribute: string; operator: NumericOperator; value: number }
  | { kind: "range"; attribute: string; low: number; high: number };

export type Filter =
  | Condition
  | { kind: "and"; items: Filter[] }
  | { kind: "or"; items: Filter[] }
  | { kind: "not"; item: Filter };

type Token =
  | { type: "word"; text: string; quoted: boolean; col: number }
  | { type: "op"; text: NumericOperator | ":"; col: number }
  | { type: "paren"; text: "(" | ")"; col: number };

const operators = ["<=", ">=", "!=", "<", ">", "=", ":"] as const;
const wordStop = /[\s():<>=!"']/;

function syntaxError(parameter: string, message: string): AlgoliaError {
  return new AlgoliaError(400, `${parameter}: ${message}`);
}

function tokenize(text: string, parameter: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i] as string;
    const col = i + 1;
    if (/\s/.test(char)) {
      i++;
    } else if (char === "(" || char === ")") {
      tokens.push({ type: "paren", text: char, col });
      i++;
    } else if (char === '"' || char === "'") {
      let value = "";
      i++;
      while (i < text.length && text[i] !== char) {
        if (text[i] === "\\" && i + 1 < text.length) i++;
        value += text[i];
        i++;
      }
      if (i >= text.length) throw syntaxError(parameter, `Unterminated string at col ${col}`);
      i++;
      tokens.push({ type: "word", text: value, quoted: true, col });
    } else {
      const operator = operators.find((candidate) => text.startsWith(candidate, i));
      if (operator) {
        tokens.push({ type: "op", text: operator, col });
        i += operator.length;
        continue;
      }
      let word = "";
      while (i < text.length && !wordStop.test(text[i] as string)) word += text[i++];
      if (!word) throw syntaxError(parameter, `Unexpected character ${char} at col ${col}`);
      tokens.push({ type: "word", text: word, quoted: false, col });
    }
  }
  return tokens;
}

function parseNumber(token: Token | undefined, parameter: string): number {
  const value = token?.type === "word" ? Number(token.text) : Number.NaN;
  if (token?.type !== "word" || token.text.trim() === "" || !Number.isFinite(value)) {
    throw syntaxError(parameter, `Expected a number at col ${token?.col ?? "end"}`);
  }
  return value;
}

class Parser {
  private position = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly parameter: string,
  ) {}

  parse(): Filter {
    const filter = this.or();
    const rest = this.tokens[this.position];
    if (rest) throw syntaxError(this.parameter, `Unexpected token ${rest.text} at col ${rest.col}`);
    return filter;
  }

  private peekKeyword(keyword: string): boolean {
    const token = this.tokens[this.position];
    return token?.type === "word" && !token.quoted && token.text === keyword;
  }

  private or(): Filter {
    const items = [this.and()];
    while (this.peekKeyword("OR")) {
      this.position++;
      items.push(this.and());
    }
    return items.length === 1 ? (items[0] as Filter) : { kind: "or", items };
  }

  private and(): Filter {
    const items = [this.unary()];
    while (this.peekKeyword("AND")) {
      this.position++;
      items.push(this.unary());
    }
    return items.length === 1 ? (items[0] as Filter) : { kind: "and", items };
  }

  private unary(): Filter {
    if (this.peekKeyword("NOT")) {
      this.position++;
      return { kind: "not", item: this.unary() };
    }
    const token = this.tokens[this.position];
    if (token?.type === "paren" && token.text === "(") {
      this.position++;
      const inner = this.or();
      const close = this.tokens[this.position];
      if (close?.type !== "paren" || close.text !== ")") {
        throw syntaxError(this.parameter, `Expected ) at col ${close?.col ?? "end"}`);
      }
      this.position++;
      return inner;
    }
    return this.condition();
  }

  private condition(): Condition {
    const name = this.tokens[this.position++];
    if (name?.type !== "word") {
      throw syntaxError(this.parameter, `Expected a filter at col ${name?.col ?? "end"}`);
    }
    const operator = this.tokens[this.position];
    if (operator?.type !== "op") return { kind: "facet", attribute: "_tags", value: name.text };
    this.position++;
    if (operator.text !== ":") {
      const value = parseNumber(this.tokens[this.position++], this.parameter);
      return { kind: "numeric", attribute: name.text, operator: operator.text, value };
    }
    const value = this.tokens[this.position++];
    if (value?.type !== "word") {
      throw syntaxError(this.parameter, `Expected a value at col ${value?.col ?? "end"}`);
    }
    if (!this.peekKeyword("TO")) return { kind: "facet", attribute: name.text, value: value.text };
    this.position++;
    const low = parseNumber(value, this.parameter);
    const high = parseNumber(this.tokens[this.position++], this.parameter);
    return { kind: "range", attribute: name.text, low, high };
  }
}

/** Algolia accepts AND of OR-groups only; NOT negates one filter, never a group. */
function checkSupported(filter: Filter, parameter: string, depth: "top" | "or" | "not"): void {
  if (filter.kind === "and") {
    if (depth !== "top") throw syntaxError(parameter, "AND inside OR or NOT is not supported");
    for (const item of filter.items) checkSupported(item, parameter, "top");
  } else if (filter.kind === "or") {
    if (depth === "not") throw syntaxError(parameter, "NOT in front of a group is not supported");
    for (const item of filter.items) checkSupported(item, parameter, "or");
  } else if (filter.kind === "not") {
    checkSupported(filter.item, parameter, "not");
  }
}

/** Parses a `filters` string; an empty string filters nothing. */
export function parseFilters(text: string, parameter = "filters"): Filter | undefined {
  const tokens = tokenize(text, parameter);
  if (tokens.length === 0) return undefined;
  const filter = new Parser(tokens, parameter).parse();
  checkSupported(filter, parameter, "top");
  return filter;
}

/** One `numericFilters` entry: `attr <op> n` or `attr:low TO high`. */
export function parseNumericCondition(text: string): Condition {
  const filter = parseFilters(text, "numericFilters");
  if (!filter || (filter.kind !== "numeric" && filter.kind !== "range")) {
    throw syntaxError("numericFilters", `Invalid numeric filter ${JSON.stringify(text)}`);
  }
  return filter;
}

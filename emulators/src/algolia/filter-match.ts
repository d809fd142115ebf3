/**
 * Filtering: the `filters` string, `facetFilters`, `numericFilters` and `tagFilters` combined with AND,
 * then tested against each record. Facet filters match only attributes declared in `attributesForFaceting`
 * (any modifier) and compare values case-insensitively; tags are case-sensitive; numeric filters work on
 * any numeric attribute. A filter on an array attribute matches if any element matches.
 */
import { type Condition, type Filter, parseFilters, parseNumericCondition } from "./filter-syntax.js";
import { AlgoliaError } from "./http.js";
import { facetAttributes, type IndexSettings, valuesAt } from "./settings.js";

/** `["a:x", ["b:y", "b:z"]]`: a flat list is AND, a nested list is OR; a string is one filter. */
type FilterList = string | (string | string[])[];

function asFilterList(value: unknown, parameter: string): FilterList {
  const text = typeof value === "string" ? value.trim() : undefined;
  // In a `params` query string, lists arrive JSON-encoded.
  if (text?.startsWith("[")) {
    try {
      return asFilterList(JSON.parse(text) as unknown, parameter);
    } catch (error) {
      if (error instanceof AlgoliaError) throw error;
      throw new AlgoliaError(400, `${parameter}: invalid JSON list`);
    }
  }
  const valid =
    typeof value === "string" ||
    (Array.isArray(value) &&
      value.every(
        (item) =>
          typeof item === "string" ||
          (Array.isArray(item) && item.every((inner) => typeof inner === "string")),
      ));
  if (!valid) throw new AlgoliaError(400, `${parameter} must be a string or a list of strings and lists`);
  return value as FilterList;
}

function listFilter(list: FilterList, parseOne: (text: string) => Filter): Filter {
  const entries = typeof list === "string" ? list.split(",").map((item) => item.trim()) : list;
  return {
    kind: "and",
    items: entries.map((entry) =>
      Array.isArray(entry) ? { kind: "or", items: entry.map(parseOne) } : parseOne(entry),
    ),
  };
}

function facetEntry(text: string): Filter {
  const colon = text.indexOf(":");
  if (colon <= 0) throw new AlgoliaError(400, `facetFilters: invalid filter ${JSON.stringify(text)}`);
  const attribute = text.slice(0, colon).trim();
  let value = text.slice(colon + 1).trim();
  const negated = value.startsWith("-");
  if (negated) value = value.slice(1);
  else if (value.startsWith("\\-")) value = value.slice(1);
  const condition: Condition = { kind: "facet", attribute, value };
  return negated ? { kind: "not", item: condition } : condition;
}

function tagEntry(text: string): Filter {
  const negated = text.startsWith("-");
  const condition: Condition = { kind: "facet", attribute: "_tags", value: negated ? text.slice(1) : text };
  return negated ? { kind: "not", item: condition } : condition;
}

export interface FilterParams {
  filters?: unknown;
  facetFilters?: unknown;
  numericFilters?: unknown;
  tagFilters?: unknown;
}

/** Every filter of a search, as one tree; undefined when nothing is filtered. */
export function compileFilters(params: FilterParams): Filter | undefined {
  const parts: Filter[] = [];
  if (params.filters !== undefined && params.filters !== null) {
    if (typeof params.filters !== "string") throw new AlgoliaError(400, "filters must be a string");
    const parsed = parseFilters(params.filters);
    if (parsed) parts.push(parsed);
  }
  if (params.facetFilters !== undefined && params.facetFilters !== null) {
    parts.push(listFilter(asFilterList(params.facetFilters, "facetFilters"), facetEntry));
  }
  if (params.numericFilters !== undefined && params.numericFilters !== null) {
    parts.push(listFilter(asFilterList(params.numericFilters, "numericFilters"), parseNumericCondition));
  }
  if (params.tagFilters !== undefined && params.tagFilters !== null) {
    parts.push(listFilter(asFilterList(params.tagFilters, "tagFilters"), tagEntry));
  }
  return parts.length === 0 ? undefined : { kind: "and", items: parts };
}

function facetValueMatches(value: unknown, wanted: string, caseSensitive: boolean): boolean {
  if (typeof value === "string") {
    return caseSensitive ? value === wanted : value.toLowerCase() === wanted.toLowerCase();
  }
  if (typeof value === "boolean" || typeof value === "number") return String(value) === wanted.toLowerCase();
  return false;
}

function numericValues(record: unknown, attribute: string): number[] {
  return valuesAt(record, attribute).filter((value): value is number => typeof value === "number");
}

function compare(value: number, operator: Condition & { kind: "numeric" }): boolean {
  switch (operator.operator) {
    case "<":
      return value < operator.value;
    case "<=":
      return value <= operator.value;
    case "=":
      return value === operator.value;
    case "!=":
      return value !== operator.value;
    case ">=":
      return value >= operator.value;
    case ">":
      return value > operator.value;
  }
}

/** A compiled filter bound to an index's settings. */
export function filterPredicate(filter: Filter | undefined, settings: IndexSettings) {
  const facetable = new Set(facetAttributes(settings).map((entry) => entry.attribute));
  facetable.add("_tags");
  const test = (node: Filter, record: unknown): boolean => {
    switch (node.kind) {
      case "and":
        return node.items.every((item) => test(item, record));
      case "or":
        return node.items.some((item) => test(item, record));
      case "not":
        return !test(node.item, record);
      case "facet":
        return (
          facetable.has(node.attribute) &&
          valuesAt(record, node.attribute).some((value) =>
            facetValueMatches(value, node.value, node.attribute === "_tags"),
          )
        );
      case "numeric":
        return numericValues(record, node.attribute).some((value) => compare(value, node));
      case "range":
        return numericValues(record, node.attribute).some((value) => value >= node.low && value <= node.high);
    }
  };
  return (record: unknown): boolean => (filter ? test(filter, record) : true);
}

// Reduces a google.firestore.v1.StructuredQuery (as decoded by protos.ts) to what decides index use:
// the collection group and scope, the filters in disjunctive normal form, and the normalized order.
import type { Plain } from "./protos.js";

export const DOCUMENT_ID = "__name__";

export type Direction = "ASCENDING" | "DESCENDING";
/** equality: ==, in, is null, is NaN; contains: array-contains(-any); inequality: <, <=, >, >=, !=, not-in, is not null/NaN. */
export type PredicateKind = "equality" | "contains" | "inequality";

export interface Predicate {
  fieldPath: string;
  kind: PredicateKind;
}

export interface Order {
  fieldPath: string;
  direction: Direction;
}

export interface QueryShape {
  collectionGroup: string;
  queryScope: "COLLECTION" | "COLLECTION_GROUP";
  /** OR of ANDs. A query without filters has one empty conjunction. */
  disjuncts: Predicate[][];
  orderBy: Order[];
}

/** Firestore caps a query's disjunctive normal form at 30 disjunctions; beyond that it is invalid anyway. */
const MAX_DISJUNCTS = 30;

const KIND_BY_OPERATOR: Record<string, PredicateKind> = {
  EQUAL: "equality",
  IN: "equality",
  IS_NULL: "equality",
  IS_NAN: "equality",
  ARRAY_CONTAINS: "contains",
  ARRAY_CONTAINS_ANY: "contains",
  LESS_THAN: "inequality",
  LESS_THAN_OR_EQUAL: "inequality",
  GREATER_THAN: "inequality",
  GREATER_THAN_OR_EQUAL: "inequality",
  NOT_EQUAL: "inequality",
  NOT_IN: "inequality",
  IS_NOT_NULL: "inequality",
  IS_NOT_NAN: "inequality",
};

function asObject(value: unknown): Plain | undefined {
  return typeof value === "object" && value !== null ? (value as Plain) : undefined;
}

function fieldPathOf(filter: Plain): string {
  const field = asObject(filter.field);
  return typeof field?.fieldPath === "string" ? field.fieldPath : "";
}

function predicateOf(filter: Plain): Predicate {
  const op = String(filter.op);
  const kind = KIND_BY_OPERATOR[op];
  if (!kind) throw new Error(`unknown filter operator ${op}`);
  return { fieldPath: fieldPathOf(filter), kind };
}

function crossProduct(left: Predicate[][], right: Predicate[][]): Predicate[][] {
  const out: Predicate[][] = [];
  for (const a of left) for (const b of right) out.push([...a, ...b]);
  return out.slice(0, MAX_DISJUNCTS);
}

/** Converts a filter tree to disjunctive normal form (an OR of AND-ed predicates). */
export function toDisjunctiveNormalForm(filter: Plain | undefined): Predicate[][] {
  if (!filter) return [[]];
  const field = asObject(filter.fieldFilter);
  if (field) return [[predicateOf(field)]];
  const unary = asObject(filter.unaryFilter);
  if (unary) return [[predicateOf(unary)]];
  const composite = asObject(filter.compositeFilter);
  if (!composite) return [[]];
  const children = (Array.isArray(composite.filters) ? composite.filters : []).map((child) =>
    toDisjunctiveNormalForm(asObject(child)),
  );
  if (composite.op === "OR") return children.flat().slice(0, MAX_DISJUNCTS);
  return children.reduce<Predicate[][]>((acc, child) => crossProduct(acc, child), [[]]);
}

export function queryShapeOf(structuredQuery: Plain): QueryShape | undefined {
  const from = Array.isArray(structuredQuery.from) ? asObject(structuredQuery.from[0]) : undefined;
  if (!from || typeof from.collectionId !== "string" || structuredQuery.findNearest) return undefined;
  const orderBy = (Array.isArray(structuredQuery.orderBy) ? structuredQuery.orderBy : []).map(
    (entry): Order => {
      const order = asObject(entry) ?? {};
      return {
        fieldPath: fieldPathOf(order),
        direction: order.direction === "DESCENDING" ? "DESCENDING" : "ASCENDING",
      };
    },
  );
  return {
    collectionGroup: from.collectionId,
    queryScope: from.allDescendants ? "COLLECTION_GROUP" : "COLLECTION",
    disjuncts: toDisjunctiveNormalForm(asObject(structuredQuery.where)),
    orderBy,
  };
}

/**
 * The order the backend executes a conjunction in: the explicit orderBy clauses, then every inequality
 * field not already ordered, in lexicographic order, then the document name in the direction of the
 * last ordering. https://firebase.google.com/docs/firestore/query-data/multiple-range-fields#implicit_ordering
 * ("the query is implicitly ordered by … inequality fields … lexicographic order … then __name__") and
 * https://firebase.google.com/docs/firestore/query-data/order-limit-data.
 */
export function normalizedOrder(orderBy: readonly Order[], conjunct: readonly Predicate[]): Order[] {
  const orders: Order[] = [];
  for (const order of orderBy) {
    if (!orders.some((o) => o.fieldPath === order.fieldPath)) orders.push(order);
    if (order.fieldPath === DOCUMENT_ID) return orders;
  }
  const inequalityFields = [
    ...new Set(conjunct.filter((p) => p.kind === "inequality").map((p) => p.fieldPath)),
  ]
    .filter((field) => !orders.some((o) => o.fieldPath === field))
    .sort();
  const lastDirection = orders.at(-1)?.direction ?? "ASCENDING";
  for (const fieldPath of inequalityFields) {
    orders.push({ fieldPath, direction: lastDirection });
    if (fieldPath === DOCUMENT_ID) return orders;
  }
  orders.push({ fieldPath: DOCUMENT_ID, direction: orders.at(-1)?.direction ?? "ASCENDING" });
  return orders;
}

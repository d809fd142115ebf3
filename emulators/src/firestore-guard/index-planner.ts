// Decides, as production Cloud Firestore does, whether the deployed indexes serve a query, and if not
// which entry of firestore.indexes.json is missing. Pure: no I/O.
//
// Rules (https://firebase.google.com/docs/firestore/query-data/index-overview):
// - Single-field indexes serve "simple equality queries", "range or inequality queries on a single
//   field" and ordering by a single field; equality filters on several fields (and array-contains)
//   are served by merging single-field indexes ("index merging", #taking_advantage_of_index_merging).
// - "If you attempt a compound query with a range clause that doesn't map to an existing index, you
//   receive an error" — equality + orderBy/range on another field, several ranges, a non-default
//   __name__ order, etc. need a composite index whose fields are the equality fields followed by the
//   query's order. Indexes for equality fields may be merged when they share that order suffix.
// - An index's direction matters: single-field indexes exist in ascending and descending mode
//   precisely because a scan runs one way; a composite index serves the exact directions it lists.
// - The implicit last field of every index is __name__, "added automatically with the same direction
//   as that of the last field defined", ascending when that field is array-contains
//   (https://firebase.google.com/docs/firestore/reference/rest/v1/projects.databases.collectionGroups.indexes).
// - Collection group queries need indexes with COLLECTION_GROUP scope; automatic single-field indexes
//   only have collection scope (#automatic_indexing), a field override can enable the group scope.
// - OR queries: each disjunction of the query's disjunctive normal form needs its own index
//   (https://firebase.google.com/docs/firestore/query-data/queries#or_queries "Limitations").
import type { CompositeIndex, FieldOverride, IndexConfig, IndexMode, QueryScope } from "./index-config.js";
import { singleFieldIndexes } from "./index-config.js";
import type { Direction, Order, Predicate, QueryShape } from "./query-shape.js";
import { DOCUMENT_ID, normalizedOrder } from "./query-shape.js";

export type MissingIndex =
  | { kind: "composite"; index: CompositeIndex }
  | { kind: "fieldOverride"; override: FieldOverride };

export interface PlanResult {
  served: boolean;
  /** One entry per disjunct that no index serves (deduplicated). */
  missing: MissingIndex[];
  /** The declared composite indexes that can serve a part of the query (for finding unused entries). */
  usable: CompositeIndex[];
}

interface EqualityField {
  fieldPath: string;
  contains: boolean;
}

/** What index lookup a conjunction needs once equality fields are separated from the order. */
interface ConjunctNeeds {
  equality: EqualityField[];
  order: Order[];
  nameDirection: Direction;
}

function needsOf(shape: QueryShape, conjunct: readonly Predicate[]): ConjunctNeeds {
  const equality: EqualityField[] = [];
  for (const p of conjunct) {
    // __name__ lookups use the built-in document-name index.
    if (p.kind === "inequality" || p.fieldPath === DOCUMENT_ID) continue;
    const contains = p.kind === "contains";
    if (!equality.some((e) => e.fieldPath === p.fieldPath && e.contains === contains)) {
      equality.push({ fieldPath: p.fieldPath, contains });
    }
  }
  const orders = normalizedOrder(shape.orderBy, conjunct);
  const name = orders.at(-1);
  const nameDirection = name?.fieldPath === DOCUMENT_ID ? name.direction : "ASCENDING";
  // Ordering by a field fixed by an equality filter does not change the result order.
  const equalOnly = new Set(conjunct.filter((p) => p.kind === "equality").map((p) => p.fieldPath));
  const order = orders.filter((o) => o.fieldPath !== DOCUMENT_ID && !equalOnly.has(o.fieldPath));
  return { equality, order, nameDirection };
}

function singleFieldEnabled(
  config: IndexConfig,
  shape: QueryShape,
  fieldPath: string,
  modes: IndexMode[],
): boolean {
  return singleFieldIndexes(config, shape.collectionGroup, fieldPath).some(
    (s) => s.queryScope === shape.queryScope && modes.includes(s.mode),
  );
}

function equalityModes(field: EqualityField): IndexMode[] {
  return field.contains ? ["CONTAINS"] : ["ASCENDING", "DESCENDING"];
}

const keyOf = (e: EqualityField): string => `${e.contains ? "contains:" : ""}${e.fieldPath}`;

/** An index's fields without the trailing __name__, and the direction __name__ is sorted in. */
function splitName(index: CompositeIndex): { fields: CompositeIndex["fields"]; nameDirection: Direction } {
  const last = index.fields.at(-1);
  if (last?.fieldPath === DOCUMENT_ID && last.mode !== "CONTAINS") {
    return { fields: index.fields.slice(0, -1), nameDirection: last.mode };
  }
  return { fields: index.fields, nameDirection: last?.mode === "DESCENDING" ? "DESCENDING" : "ASCENDING" };
}

/**
 * The equality fields a composite index can serve for this conjunct (it must end with exactly the
 * conjunct's order, preceded only by its equality fields), or undefined when it cannot take part.
 */
function mergeablePrefix(index: CompositeIndex, needs: ConjunctNeeds): Set<string> | undefined {
  const { fields, nameDirection } = splitName(index);
  if (nameDirection !== needs.nameDirection || fields.length < needs.order.length) return undefined;
  const prefixLength = fields.length - needs.order.length;
  for (const [i, order] of needs.order.entries()) {
    const field = fields[prefixLength + i];
    if (field?.fieldPath !== order.fieldPath || field.mode !== order.direction) return undefined;
  }
  const covered = new Set<string>();
  for (const field of fields.slice(0, prefixLength)) {
    const equality = needs.equality.find(
      (e) => e.fieldPath === field.fieldPath && equalityModes(e).includes(field.mode),
    );
    if (!equality || covered.has(keyOf(equality))) return undefined;
    covered.add(keyOf(equality));
  }
  return covered;
}

function conjunctServed(
  config: IndexConfig,
  shape: QueryShape,
  needs: ConjunctNeeds,
  usable: CompositeIndex[],
): boolean {
  const { equality, order, nameDirection } = needs;
  if (equality.length === 0 && order.length === 0) {
    return nameDirection === "ASCENDING" || singleFieldEnabled(config, shape, DOCUMENT_ID, ["DESCENDING"]);
  }
  const covered = new Set<string>();
  if (order.length === 0 && nameDirection === "ASCENDING") {
    for (const e of equality)
      if (singleFieldEnabled(config, shape, e.fieldPath, equalityModes(e))) covered.add(keyOf(e));
  }
  const [only] = order;
  if (equality.length === 0 && order.length === 1 && only && only.direction === nameDirection) {
    if (singleFieldEnabled(config, shape, only.fieldPath, [only.direction])) return true;
  }
  for (const index of config.indexes) {
    if (index.collectionGroup !== shape.collectionGroup || index.queryScope !== shape.queryScope) continue;
    const prefix = mergeablePrefix(index, needs);
    if (!prefix) continue;
    usable.push(index);
    if (equality.length === 0) return true;
    for (const key of prefix) covered.add(key);
  }
  return equality.length > 0 && equality.every((e) => covered.has(keyOf(e)));
}

function overrideAdding(
  config: IndexConfig,
  shape: QueryShape,
  fieldPath: string,
  mode: IndexMode,
): MissingIndex {
  const current = singleFieldIndexes(config, shape.collectionGroup, fieldPath);
  const indexes = [...current.filter((s) => !(s.mode === mode && s.queryScope === shape.queryScope))];
  indexes.push({ mode, queryScope: shape.queryScope as QueryScope });
  return { kind: "fieldOverride", override: { collectionGroup: shape.collectionGroup, fieldPath, indexes } };
}

/** The index production would ask for: equality fields in query order, then the order, then __name__ if it is not implied. */
function missingIndexFor(config: IndexConfig, shape: QueryShape, needs: ConjunctNeeds): MissingIndex {
  const { equality, order, nameDirection } = needs;
  if (equality.length === 0 && order.length === 0)
    return overrideAdding(config, shape, DOCUMENT_ID, nameDirection);
  const [onlyEquality] = equality;
  if (order.length === 0 && nameDirection === "ASCENDING" && equality.length === 1 && onlyEquality) {
    return overrideAdding(
      config,
      shape,
      onlyEquality.fieldPath,
      onlyEquality.contains ? "CONTAINS" : "ASCENDING",
    );
  }
  const [onlyOrder] = order;
  if (equality.length === 0 && order.length === 1 && onlyOrder && onlyOrder.direction === nameDirection) {
    return overrideAdding(config, shape, onlyOrder.fieldPath, onlyOrder.direction);
  }
  const fields: CompositeIndex["fields"] = [
    ...equality.map((e) => ({
      fieldPath: e.fieldPath,
      mode: (e.contains ? "CONTAINS" : "ASCENDING") as IndexMode,
    })),
    ...order.map((o) => ({ fieldPath: o.fieldPath, mode: o.direction as IndexMode })),
  ];
  const last = fields.at(-1);
  const impliedName: Direction = last?.mode === "DESCENDING" ? "DESCENDING" : "ASCENDING";
  if (nameDirection !== impliedName) fields.push({ fieldPath: DOCUMENT_ID, mode: nameDirection });
  return {
    kind: "composite",
    index: { collectionGroup: shape.collectionGroup, queryScope: shape.queryScope, fields },
  };
}

export function planQuery(config: IndexConfig, shape: QueryShape): PlanResult {
  const missing: MissingIndex[] = [];
  const usable: CompositeIndex[] = [];
  const seen = new Set<string>();
  for (const conjunct of shape.disjuncts) {
    const needs = needsOf(shape, conjunct);
    if (conjunctServed(config, shape, needs, usable)) continue;
    const entry = missingIndexFor(config, shape, needs);
    const key = missingIndexJson(entry);
    if (!seen.has(key)) {
      seen.add(key);
      missing.push(entry);
    }
  }
  return { served: missing.length === 0, missing, usable };
}

function fieldJson(fieldPath: string | undefined, mode: IndexMode): Record<string, string> {
  const base: Record<string, string> = fieldPath === undefined ? {} : { fieldPath };
  return mode === "CONTAINS" ? { ...base, arrayConfig: "CONTAINS" } : { ...base, order: mode };
}

/** The exact JSON to paste into firestore.indexes.json ("indexes" or "fieldOverrides"). */
export function missingIndexJson(entry: MissingIndex): string {
  if (entry.kind === "composite") {
    const { collectionGroup, queryScope, fields } = entry.index;
    return JSON.stringify({
      collectionGroup,
      queryScope,
      fields: fields.map((f) => fieldJson(f.fieldPath, f.mode)),
    });
  }
  const { collectionGroup, fieldPath, indexes } = entry.override;
  return JSON.stringify({
    collectionGroup,
    fieldPath,
    indexes: indexes.map((s) => ({ ...fieldJson(undefined, s.mode), queryScope: s.queryScope })),
  });
}

/** The FAILED_PRECONDITION message: production's opening sentence, then what to add where. */
export function missingIndexMessage(missing: readonly MissingIndex[]): string {
  const parts = missing.map((entry) => {
    const section = entry.kind === "composite" ? "indexes" : "fieldOverrides";
    return `add to "${section}" in firestore.indexes.json: ${missingIndexJson(entry)}`;
  });
  const noun = missing.length === 1 ? "an index" : `${missing.length} indexes (one per OR disjunction)`;
  return `The query requires ${noun}. ${parts.join("; and ")}`;
}

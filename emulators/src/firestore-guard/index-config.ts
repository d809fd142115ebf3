// Loads and validates firestore.indexes.json — the file `firebase deploy --only firestore:indexes`
// deploys — into the shapes the planner matches queries against.
// Format: https://firebase.google.com/docs/reference/firestore/indexes
import { readFileSync } from "node:fs";

export type QueryScope = "COLLECTION" | "COLLECTION_GROUP";
export type IndexMode = "ASCENDING" | "DESCENDING" | "CONTAINS";

export interface IndexField {
  fieldPath: string;
  mode: IndexMode;
}

export interface CompositeIndex {
  collectionGroup: string;
  queryScope: QueryScope;
  fields: IndexField[];
}

export interface SingleFieldIndexSetting {
  mode: IndexMode;
  queryScope: QueryScope;
}

export interface FieldOverride {
  collectionGroup: string;
  fieldPath: string;
  indexes: SingleFieldIndexSetting[];
}

export interface IndexConfig {
  indexes: CompositeIndex[];
  fieldOverrides: FieldOverride[];
}

export class IndexConfigError extends Error {}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function requireString(value: unknown, where: string): string {
  if (typeof value !== "string" || value.length === 0)
    throw new IndexConfigError(`${where} must be a non-empty string`);
  return value;
}

function parseScope(value: unknown, where: string): QueryScope {
  if (value === undefined) return "COLLECTION";
  if (value === "COLLECTION" || value === "COLLECTION_GROUP") return value;
  throw new IndexConfigError(`${where}.queryScope must be COLLECTION or COLLECTION_GROUP`);
}

/** Exactly one of `order` and `arrayConfig` gives a field's mode; vector indexes return undefined. */
function parseMode(entry: Json, where: string): IndexMode | undefined {
  const { order, arrayConfig, vectorConfig } = entry;
  if (vectorConfig !== undefined && order === undefined && arrayConfig === undefined) return undefined;
  if (order !== undefined && arrayConfig !== undefined) {
    throw new IndexConfigError(`${where} must set only one of order and arrayConfig`);
  }
  if (order === "ASCENDING" || order === "DESCENDING") return order;
  if (arrayConfig === "CONTAINS") return "CONTAINS";
  throw new IndexConfigError(`${where} needs order ASCENDING|DESCENDING or arrayConfig CONTAINS`);
}

function parseComposite(entry: unknown, where: string): CompositeIndex | undefined {
  if (!isObject(entry)) throw new IndexConfigError(`${where} must be an object`);
  const collectionGroup = requireString(
    entry.collectionGroup ?? entry.collectionId,
    `${where}.collectionGroup`,
  );
  if (!Array.isArray(entry.fields) || entry.fields.length === 0) {
    throw new IndexConfigError(`${where}.fields must be a non-empty array`);
  }
  const fields: IndexField[] = [];
  for (const [i, field] of entry.fields.entries()) {
    const at = `${where}.fields[${i}]`;
    if (!isObject(field)) throw new IndexConfigError(`${at} must be an object`);
    const mode = parseMode(field, at);
    if (mode === undefined) return undefined; // vector index: never serves a structured query
    fields.push({ fieldPath: requireString(field.fieldPath, `${at}.fieldPath`), mode });
  }
  return { collectionGroup, queryScope: parseScope(entry.queryScope, where), fields };
}

function parseOverride(entry: unknown, where: string): FieldOverride {
  if (!isObject(entry)) throw new IndexConfigError(`${where} must be an object`);
  const indexes: SingleFieldIndexSetting[] = [];
  const list = entry.indexes ?? [];
  if (!Array.isArray(list)) throw new IndexConfigError(`${where}.indexes must be an array`);
  for (const [i, index] of list.entries()) {
    const at = `${where}.indexes[${i}]`;
    if (!isObject(index)) throw new IndexConfigError(`${at} must be an object`);
    const mode = parseMode(index, at);
    if (mode !== undefined) indexes.push({ mode, queryScope: parseScope(index.queryScope, at) });
  }
  return {
    collectionGroup: requireString(entry.collectionGroup, `${where}.collectionGroup`),
    fieldPath: requireString(entry.fieldPath, `${where}.fieldPath`),
    indexes,
  };
}

export function parseIndexConfig(text: string, source = "firestore.indexes.json"): IndexConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new IndexConfigError(`${source}: invalid JSON: ${(error as Error).message}`);
  }
  if (!isObject(json)) throw new IndexConfigError(`${source}: must be a JSON object`);
  const indexes = json.indexes ?? [];
  const overrides = json.fieldOverrides ?? [];
  if (!Array.isArray(indexes)) throw new IndexConfigError(`${source}: "indexes" must be an array`);
  if (!Array.isArray(overrides)) throw new IndexConfigError(`${source}: "fieldOverrides" must be an array`);
  return {
    indexes: indexes
      .map((entry, i) => parseComposite(entry, `${source}: indexes[${i}]`))
      .filter((index): index is CompositeIndex => index !== undefined),
    fieldOverrides: overrides.map((entry, i) => parseOverride(entry, `${source}: fieldOverrides[${i}]`)),
  };
}

export function loadIndexConfig(file: string): IndexConfig {
  return parseIndexConfig(readFileSync(file, "utf8"), file);
}

/**
 * Automatic single-field indexes. https://firebase.google.com/docs/firestore/query-data/index-overview#automatic_indexing
 * "For each non-array and non-map field, Cloud Firestore defines two collection-scope single-field
 * indexes, one in ascending mode and one in descending mode", "for each array field … a
 * collection-scope array-contains index", and "single-field indexes with collection group scope are
 * not maintained by default".
 */
export const AUTOMATIC_SINGLE_FIELD: readonly SingleFieldIndexSetting[] = [
  { mode: "ASCENDING", queryScope: "COLLECTION" },
  { mode: "DESCENDING", queryScope: "COLLECTION" },
  { mode: "CONTAINS", queryScope: "COLLECTION" },
];

/**
 * The single-field indexes in force for a field. An exemption (field override) replaces the automatic
 * settings; a map field's override is inherited by its subfields unless they have their own, and `*`
 * applies to every field of the collection group without a more specific one.
 * https://firebase.google.com/docs/firestore/query-data/index-overview#single-field_index_exemptions
 */
export function singleFieldIndexes(
  config: IndexConfig,
  collectionGroup: string,
  fieldPath: string,
): readonly SingleFieldIndexSetting[] {
  const overrides = config.fieldOverrides.filter((o) => o.collectionGroup === collectionGroup);
  const segments = fieldPath.split(".");
  for (let length = segments.length; length > 0; length -= 1) {
    const path = segments.slice(0, length).join(".");
    const found = overrides.find((o) => o.fieldPath === path);
    if (found) return found.indexes;
  }
  if (fieldPath === "__name__") return DOCUMENT_NAME_INDEXES;
  return overrides.find((o) => o.fieldPath === "*")?.indexes ?? AUTOMATIC_SINGLE_FIELD;
}

/**
 * Documents are kept in ascending name order for collection and collection-group scans; a descending
 * scan by name alone is refused ("Firestore does not support descending key scans", as the emulator
 * itself answers) unless an override adds a descending __name__ index.
 */
export const DOCUMENT_NAME_INDEXES: readonly SingleFieldIndexSetting[] = [
  { mode: "ASCENDING", queryScope: "COLLECTION" },
  { mode: "ASCENDING", queryScope: "COLLECTION_GROUP" },
];

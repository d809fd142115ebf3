/**
 * Index settings as the engine reads them: which attributes are searchable (and in which priority), which
 * can be faceted or filtered, and how hits are ranked. Settings are stored as sent; these helpers parse the
 * few the emulator acts on.
 */
import { AlgoliaError } from "./http.js";

export type IndexSettings = Record<string, unknown>;
export type SearchRecord = Record<string, unknown> & { objectID: string };

export const defaultRanking = [
  "typo",
  "geo",
  "words",
  "filters",
  "proximity",
  "attribute",
  "exact",
  "custom",
];

/** What GET settings shows for an index that never set these. */
export const defaultSettings: IndexSettings = {
  hitsPerPage: 20,
  paginationLimitedTo: 1000,
  maxValuesPerFacet: 100,
  queryType: "prefixLast",
  ranking: defaultRanking,
  customRanking: null,
  searchableAttributes: null,
  attributesForFaceting: null,
  attributesToRetrieve: null,
};

/** The settings that shape results; anything else is stored and returned but has no effect here. */
const validators: Record<string, (value: unknown) => boolean> = {
  searchableAttributes: (value) => value === null || isStringArray(value),
  attributesForFaceting: (value) => value === null || isStringArray(value),
  customRanking: (value) => value === null || (isStringArray(value) && value.every(isSortCriterion)),
  ranking: (value) =>
    value === null || (isStringArray(value) && value.every((item) => isSortCriterion(item) || isNamed(item))),
  replicas: (value) => value === null || isStringArray(value),
  attributesToRetrieve: (value) => value === null || isStringArray(value),
  hitsPerPage: (value) => value === null || (Number.isInteger(value) && (value as number) >= 0),
  paginationLimitedTo: (value) => value === null || (Number.isInteger(value) && (value as number) >= 0),
  maxValuesPerFacet: (value) => value === null || (Number.isInteger(value) && (value as number) >= 0),
};

const namedCriteria = new Set(defaultRanking);
const sortCriterion = /^(asc|desc)\((.+)\)$/;

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}
function isSortCriterion(value: string): boolean {
  return sortCriterion.test(value);
}
function isNamed(value: string): boolean {
  return namedCriteria.has(value);
}

/** Checks the settings the emulator understands, so a typo fails here as it would at Algolia. */
export function validateSettings(settings: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(settings)) {
    const valid = validators[key];
    if (valid && !valid(value)) throw new AlgoliaError(400, `Invalid value for setting ${key}`);
  }
}

export interface SortCriterion {
  attribute: string;
  direction: "asc" | "desc";
}

export function parseSortCriterion(text: string): SortCriterion | undefined {
  const match = sortCriterion.exec(text);
  if (!match) return undefined;
  return { direction: match[1] as "asc" | "desc", attribute: match[2] as string };
}

const modifier = /^(filterOnly|searchable|afterDistinct)\((.+)\)$/;

export interface FacetAttribute {
  attribute: string;
  /** `filterOnly(x)` can be filtered on but returns no facet counts. */
  filterOnly: boolean;
}

export function facetAttributes(settings: IndexSettings): FacetAttribute[] {
  const declared = Array.isArray(settings.attributesForFaceting) ? settings.attributesForFaceting : [];
  return declared.map((entry: string) => {
    const match = modifier.exec(entry);
    return match
      ? { attribute: match[2] as string, filterOnly: match[1] === "filterOnly" }
      : { attribute: entry, filterOnly: false };
  });
}

export interface SearchableAttribute {
  attribute: string;
  /** Lower is better: entries of one comma-separated group share a priority. */
  priority: number;
}

/** `searchableAttributes`, or every attribute of the record in its order when the setting is unset. */
export function searchableAttributes(settings: IndexSettings, record: SearchRecord): SearchableAttribute[] {
  const declared = settings.searchableAttributes;
  if (!Array.isArray(declared)) {
    return Object.keys(record)
      .filter((key) => key !== "objectID")
      .map((attribute, priority) => ({ attribute, priority }));
  }
  return declared.flatMap((entry: string, priority) =>
    entry.split(",").map((part) => {
      const trimmed = part.trim();
      const unordered = /^unordered\((.+)\)$/.exec(trimmed);
      return { attribute: unordered ? (unordered[1] as string) : trimmed, priority };
    }),
  );
}

/** The values at a dotted path; arrays (also of nested objects) are flattened. */
export function valuesAt(record: unknown, path: string): unknown[] {
  let current: unknown[] = [record];
  for (const key of path.split(".")) {
    const next: unknown[] = [];
    for (const value of current) {
      const items = Array.isArray(value) ? value : [value];
      for (const item of items) {
        if (typeof item === "object" && item !== null && key in item) {
          next.push((item as Record<string, unknown>)[key]);
        }
      }
    }
    current = next;
  }
  return current.flatMap((value) => (Array.isArray(value) ? value : [value]));
}

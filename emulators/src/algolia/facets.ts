/**
 * Facet counts over every hit of a search (not only the page): for each requested attribute declared in
 * `attributesForFaceting` (and not `filterOnly`), how many hits have each value, most frequent first,
 * at most `maxValuesPerFacet` values. Booleans and numbers count under their string form; numeric facets
 * also get `facets_stats`. Requested attributes that are not facetable are left out, as at Algolia.
 */
import { AlgoliaError } from "./http.js";
import { facetAttributes, type IndexSettings, type SearchRecord, valuesAt } from "./settings.js";

export interface FacetStats {
  min: number;
  max: number;
  avg: number;
  sum: number;
}

export interface FacetResult {
  facets: Record<string, Record<string, number>>;
  facets_stats: Record<string, FacetStats>;
}

function requestedFacets(value: unknown): string[] {
  if (typeof value === "string") {
    const text = value.trim();
    if (text.startsWith("[")) {
      try {
        return requestedFacets(JSON.parse(text) as unknown);
      } catch (error) {
        if (error instanceof AlgoliaError) throw error;
        throw new AlgoliaError(400, "facets: invalid JSON list");
      }
    }
    return text
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean);
  }
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value;
  throw new AlgoliaError(400, "facets must be a list of attribute names");
}

export function computeFacets(
  requested: unknown,
  hits: SearchRecord[],
  settings: IndexSettings,
  maxValuesPerFacet: number,
): FacetResult | undefined {
  if (requested === undefined || requested === null) return undefined;
  const names = requestedFacets(requested);
  if (names.length === 0) return undefined;
  const countable = facetAttributes(settings).filter((entry) => !entry.filterOnly);
  const attributes = names.includes("*")
    ? countable.map((entry) => entry.attribute)
    : names.filter((name) => countable.some((entry) => entry.attribute === name));
  const result: FacetResult = { facets: {}, facets_stats: {} };
  for (const attribute of attributes) {
    const counts = new Map<string, number>();
    const numbers: number[] = [];
    for (const hit of hits) {
      // A value repeated within one record counts that record once.
      const seen = new Set<string>();
      for (const value of valuesAt(hit, attribute)) {
        if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") continue;
        const key = String(value);
        if (seen.has(key)) continue;
        seen.add(key);
        counts.set(key, (counts.get(key) ?? 0) + 1);
        if (typeof value === "number") numbers.push(value);
      }
    }
    const top = [...counts.entries()]
      .sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b))
      .slice(0, maxValuesPerFacet);
    result.facets[attribute] = Object.fromEntries(top);
    if (numbers.length > 0) {
      const sum = numbers.reduce((total, value) => total + value, 0);
      result.facets_stats[attribute] = {
        min: Math.min(...numbers),
        max: Math.max(...numbers),
        avg: sum / numbers.length,
        sum,
      };
    }
  }
  return result;
}

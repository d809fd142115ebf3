/**
 * Search parameters as the clients send them: a JSON object, optionally with a `params` query string
 * (the v3/v4 form, `query=x&hitsPerPage=5&facetFilters=%5B…%5D`) whose entries are merged in. Parameters
 * the emulator acts on are typed here; parameters it accepts but ignores (highlighting, analytics,
 * personalisation…) are listed so that only a truly unknown one fails with 400, as at Algolia.
 */
import { AlgoliaError } from "./http.js";
import type { IndexSettings } from "./settings.js";
import type { QueryType } from "./text-match.js";

export interface SearchParams {
  query: string;
  filters?: unknown;
  facetFilters?: unknown;
  numericFilters?: unknown;
  tagFilters?: unknown;
  facets?: unknown;
  hitsPerPage: number;
  page: number;
  offset?: number;
  length?: number;
  attributesToRetrieve: string[];
  maxValuesPerFacet: number;
  queryType: QueryType;
  /** Everything as received, for the `params` echo in the response. */
  raw: Record<string, unknown>;
}

const acted = new Set([
  "query",
  "filters",
  "facetFilters",
  "numericFilters",
  "tagFilters",
  "facets",
  "hitsPerPage",
  "page",
  "offset",
  "length",
  "attributesToRetrieve",
  "maxValuesPerFacet",
  "queryType",
]);

const ignored = new Set([
  "attributesToHighlight",
  "attributesToSnippet",
  "highlightPreTag",
  "highlightPostTag",
  "snippetEllipsisText",
  "restrictHighlightAndSnippetArrays",
  "analytics",
  "analyticsTags",
  "clickAnalytics",
  "synonyms",
  "getRankingInfo",
  "responseFields",
  "userToken",
  "enablePersonalization",
  "personalizationImpact",
  "enableABTest",
  "enableRules",
  "ruleContexts",
  "typoTolerance",
  "minWordSizefor1Typo",
  "minWordSizefor2Typos",
  "ignorePlurals",
  "removeStopWords",
  "sortFacetValuesBy",
  "facetingAfterDistinct",
  "distinct",
  "percentileComputation",
  "relevancyStrictness",
  "aroundLatLngViaIP",
  "naturalLanguages",
  "queryLanguages",
  "exactOnSingleWordQuery",
  "advancedSyntax",
  "optionalWords",
  "removeWordsIfNoResults",
  "explain",
  "renderingContent",
]);

/** Keys that may sit next to the parameters in a multi-search request. */
const requestKeys = new Set(["indexName", "type", "params", "facet", "facetQuery", "maxFacetHits"]);

function parseJsonList(text: string, key: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AlgoliaError(400, `${key}: invalid JSON list`);
  }
}

function decodeParamsString(text: string): Record<string, unknown> {
  const decoded: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    if (["hitsPerPage", "page", "offset", "length", "maxValuesPerFacet"].includes(key)) {
      decoded[key] = Number(value);
    } else if (key === "attributesToRetrieve" || key === "facets") {
      decoded[key] = value.startsWith("[") ? parseJsonList(value, key) : value.split(",");
    } else {
      decoded[key] = value;
    }
  }
  return decoded;
}

function nonNegativeInteger(value: unknown, name: string, fallback: number, max: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new AlgoliaError(400, `${name} must be a non-negative integer`);
  }
  return Math.min(value, max);
}

export function parseSearchParams(body: Record<string, unknown>, settings: IndexSettings): SearchParams {
  const { params, ...rest } = body;
  if (params !== undefined && typeof params !== "string")
    throw new AlgoliaError(400, "params must be a string");
  const raw: Record<string, unknown> = { ...(params ? decodeParamsString(params) : {}), ...rest };
  for (const key of Object.keys(raw)) {
    if (raw[key] === undefined) delete raw[key];
    else if (!acted.has(key) && !ignored.has(key) && !requestKeys.has(key)) {
      throw new AlgoliaError(400, `Unknown parameter: ${key}`);
    }
  }
  const query = raw.query ?? "";
  if (typeof query !== "string") throw new AlgoliaError(400, "query must be a string");
  const queryType = raw.queryType ?? settings.queryType ?? "prefixLast";
  if (queryType !== "prefixLast" && queryType !== "prefixAll" && queryType !== "prefixNone") {
    throw new AlgoliaError(400, "queryType must be prefixLast, prefixAll or prefixNone");
  }
  const retrieve = raw.attributesToRetrieve ?? settings.attributesToRetrieve ?? ["*"];
  if (!Array.isArray(retrieve) || !retrieve.every((item) => typeof item === "string")) {
    throw new AlgoliaError(400, "attributesToRetrieve must be a list of attribute names");
  }
  const defaultHitsPerPage = typeof settings.hitsPerPage === "number" ? settings.hitsPerPage : 20;
  const defaultMaxValues = typeof settings.maxValuesPerFacet === "number" ? settings.maxValuesPerFacet : 100;
  return {
    query,
    filters: raw.filters,
    facetFilters: raw.facetFilters,
    numericFilters: raw.numericFilters,
    tagFilters: raw.tagFilters,
    facets: raw.facets,
    hitsPerPage: nonNegativeInteger(raw.hitsPerPage, "hitsPerPage", defaultHitsPerPage, 1000),
    page: nonNegativeInteger(raw.page, "page", 0, Number.MAX_SAFE_INTEGER),
    offset: raw.offset === undefined ? undefined : nonNegativeInteger(raw.offset, "offset", 0, 1e9),
    length: raw.length === undefined ? undefined : nonNegativeInteger(raw.length, "length", 20, 1000),
    attributesToRetrieve: retrieve,
    maxValuesPerFacet: nonNegativeInteger(raw.maxValuesPerFacet, "maxValuesPerFacet", defaultMaxValues, 1000),
    queryType,
    raw,
  };
}

/** The `params` string Algolia echoes back: the parameters as a URL query, lists JSON-encoded. */
export function encodeParams(raw: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) {
    if (requestKeys.has(key)) continue;
    search.set(key, typeof value === "string" ? value : JSON.stringify(value));
  }
  return search.toString().replace(/\+/g, "%20");
}

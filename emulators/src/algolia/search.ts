/**
 * One search on one index: text match, filters, ranking, facets over all hits, then the page, in the
 * response shape of Algolia's search endpoint. Highlighting (`_highlightResult`) is not produced.
 */
import { computeFacets } from "./facets.js";
import { compileFilters, filterPredicate } from "./filter-match.js";
import { hitComparator, type RankedHit } from "./ranking.js";
import { encodeParams, parseSearchParams } from "./search-params.js";
import type { SearchRecord } from "./settings.js";
import type { AlgoliaStore, IndexState } from "./store.js";
import { matchRecord, prepareQuery } from "./text-match.js";

function retrieve(record: SearchRecord, attributes: string[]): Record<string, unknown> {
  if (attributes.includes("*")) {
    const excluded = attributes.filter((name) => name.startsWith("-")).map((name) => name.slice(1));
    const copy = structuredClone(record) as Record<string, unknown>;
    for (const name of excluded) if (name !== "objectID") delete copy[name];
    return copy;
  }
  const picked: Record<string, unknown> = { objectID: record.objectID };
  for (const name of attributes) {
    if (name in record) picked[name] = structuredClone(record[name]);
  }
  return picked;
}

export function searchIndex(
  store: AlgoliaStore,
  index: IndexState,
  body: Record<string, unknown>,
): Record<string, unknown> {
  const started = performance.now();
  const settings = store.effectiveSettings(index);
  const params = parseSearchParams(body, settings);
  const matches = filterPredicate(compileFilters(params), settings);
  const query = prepareQuery(params.query, params.queryType);

  const hits: RankedHit[] = [];
  for (const record of store.recordsOf(index).values()) {
    if (!matches(record)) continue;
    const match = matchRecord(query, record, settings);
    if (match) hits.push({ record, match });
  }
  hits.sort(hitComparator(settings, index.virtual));

  const paginationLimit =
    typeof settings.paginationLimitedTo === "number" ? settings.paginationLimitedTo : 1000;
  const reachable = hits.slice(0, paginationLimit);
  const offset = params.offset ?? params.page * params.hitsPerPage;
  const length = params.offset !== undefined ? (params.length ?? params.hitsPerPage) : params.hitsPerPage;
  const page = reachable.slice(offset, offset + length);
  const facets = computeFacets(
    params.facets,
    hits.map((hit) => hit.record),
    settings,
    params.maxValuesPerFacet,
  );

  const response: Record<string, unknown> = {
    hits: page.map((hit) => retrieve(hit.record, params.attributesToRetrieve)),
    nbHits: hits.length,
    page: params.page,
    nbPages: params.hitsPerPage === 0 ? 0 : Math.ceil(reachable.length / params.hitsPerPage),
    hitsPerPage: params.hitsPerPage,
    exhaustiveNbHits: true,
    exhaustiveFacetsCount: true,
    exhaustive: { nbHits: true, facetsCount: true, typo: true },
    query: params.query,
    params: encodeParams(params.raw),
    index: index.name,
    renderingContent: {},
    processingTimeMS: Math.max(1, Math.round(performance.now() - started)),
  };
  if (params.offset !== undefined) {
    response.offset = offset;
    response.length = length;
  }
  if (facets) {
    response.facets = facets.facets;
    if (Object.keys(facets.facets_stats).length > 0) response.facets_stats = facets.facets_stats;
  }
  return response;
}

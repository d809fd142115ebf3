import { logger } from "firebase-functions";
import { AppError } from "../../common/errors.js";
import {
  type FacetKey,
  type Facets,
  facetAttributes,
  ListingSearchRecord,
  noFacets,
  type SearchBackend,
  type SearchPage,
  type SearchQuery,
} from "../search-contract.js";
import { type AlgoliaConnection, algoliaConnection, algoliaStatus, searchClient } from "./client.js";
import { encodeCursor, toAlgoliaQuery } from "./search-query.js";

interface AlgoliaResult {
  hits: unknown[];
  nbHits?: number;
  nbPages?: number;
  page?: number;
  facets?: Record<string, Record<string, number>>;
}

function facetsOf(result: AlgoliaResult): Facets {
  const facets = noFacets();
  for (const [key, attribute] of Object.entries(facetAttributes) as Array<[FacetKey, string]>) {
    facets[key] = { ...(result.facets?.[attribute] ?? {}) };
  }
  return facets;
}

function itemsOf(result: AlgoliaResult, indexName: string): SearchPage["items"] {
  return result.hits.flatMap((hit) => {
    const parsed = ListingSearchRecord.safeParse(hit);
    if (!parsed.success) {
      // A record the sync did not write (or an older shape): leave it out rather than fail the page.
      logger.warn("Skipping a malformed Algolia hit", { indexName, issues: parsed.error.issues });
      return [];
    }
    const { objectID, ...record } = parsed.data;
    return [{ listingId: objectID, ...record }];
  });
}

const emptyPage = (): SearchPage => ({
  items: [],
  nextCursor: null,
  facets: noFacets(),
  totalHits: 0,
  backend: "algolia",
});

/**
 * Search on Algolia with the search-only key (never the admin key). Sorts read the replicas that
 * `ensureIndexSettings` creates; the cursor is the next page number. An index that does not exist yet
 * (nothing synced since the stack started) is an empty result; any other Algolia failure is 503, so the
 * caller may fall back to Firestore.
 */
export class AlgoliaSearchBackend implements SearchBackend {
  constructor(private readonly connection: AlgoliaConnection = algoliaConnection()) {}

  async search(query: SearchQuery): Promise<SearchPage> {
    const { indexName, params } = toAlgoliaQuery(query, this.connection.indexName);
    const client = await searchClient(this.connection);
    let result: AlgoliaResult;
    try {
      const { results } = await client.search({ requests: [{ indexName, ...params }] });
      result = results[0] as AlgoliaResult;
    } catch (error) {
      if (algoliaStatus(error) === 404) {
        logger.warn("Algolia index does not exist yet; answering an empty page", { indexName });
        return emptyPage();
      }
      logger.error("Algolia search failed", { indexName, error: (error as Error).message });
      throw new AppError("unavailable", "Search is temporarily unavailable.");
    }
    const nbPages = result.nbPages ?? 0;
    return {
      items: itemsOf(result, indexName),
      nextCursor: params.page + 1 < nbPages ? encodeCursor(params.page + 1, indexName) : null,
      facets: facetsOf(result),
      totalHits: result.nbHits ?? 0,
      backend: "algolia",
    };
  }
}

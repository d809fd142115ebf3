import { logger } from "firebase-functions";
import { queryWordsOf, tokenFor } from "./keywords.js";
import { listings } from "./repo.js";
import type { SearchBackend, SearchPage, SearchQuery } from "./search-contract.js";
import { rankAndPage } from "./search-ranking.js";
import { searchRecordOf } from "./search-record.js";

/**
 * Candidates one search reads at most. Reads are billed per document, so this bounds a search's cost
 * (about 500 reads) and latency. Beyond it, only the newest 500 listings that pass the indexed filters are
 * considered: matches among older ones are not found, and facets and `totalHits` count within the 500. The
 * indexed filters are chosen to make that rare (see {@link firestoreSearch}); the Algolia backend has no
 * such bound.
 */
export const candidateLimit = 500;

/** At most one `array-contains` per Firestore query: the most selective filter of that kind gets it. */
function anchorOf(
  query: SearchQuery,
): { field: "keywords" | "games" | "categories"; value: string } | undefined {
  const [longestWord] = queryWordsOf(query.q);
  if (longestWord) return { field: "keywords", value: tokenFor(longestWord) };
  if (query.game) return { field: "games", value: query.game };
  if (query.category) return { field: "categories", value: query.category };
  return undefined;
}

/**
 * Search on Firestore alone, for when Algolia is not configured. Each search is one indexed query over
 * active listings, newest first, capped at {@link candidateLimit}:
 *
 * - one `array-contains`: the longest word of `q` (through the keyword tokens of keywords.ts), else the
 *   game, else the category;
 * - equality on `type`, `nationality` and `hasVoiceChat` when asked.
 *
 * Firestore serves any combination of these by merging one composite index per field, each ending in
 * `publishedAt DESC` (firestore.indexes.json). Everything else (the other words, rank, language, prices,
 * rating, tags, and again the filters above) is checked in memory, where results are also scored, sorted,
 * faceted and paginated (search-ranking.ts).
 */
export const firestoreSearch: SearchBackend = {
  async search(query: SearchQuery): Promise<SearchPage> {
    let candidates = listings().where("status", "==", "active");
    const anchor = anchorOf(query);
    if (anchor) candidates = candidates.where(anchor.field, "array-contains", anchor.value);
    if (query.type) candidates = candidates.where("type", "==", query.type);
    if (query.nationality) candidates = candidates.where("nationality", "==", query.nationality);
    if (query.hasVoiceChat !== undefined)
      candidates = candidates.where("hasVoiceChat", "==", query.hasVoiceChat);
    const snapshot = await candidates
      .orderBy("publishedAt", "desc")
      .limit(candidateLimit + 1)
      .get();
    if (snapshot.size > candidateLimit)
      logger.warn("Search candidates capped; older matches are not considered", {
        candidateLimit,
        anchor: anchor?.field ?? null,
      });
    const records = snapshot.docs.slice(0, candidateLimit).map((doc) => searchRecordOf(doc.data()));
    return { ...rankAndPage(records, query), backend: "firestore" };
  },
};

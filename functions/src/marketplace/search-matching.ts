import { wordsOf } from "./keywords.js";
import {
  type FacetKey,
  type Facets,
  facetAttributes,
  type ListingSearchRecord,
  noFacets,
  type PricePeriod,
  type SearchQuery,
} from "./search-contract.js";

/** A record's price for the period a search prices by. */
export function priceOf(record: ListingSearchRecord, period: PricePeriod): number {
  if (period === "daily") return record.dailyDof;
  if (period === "weekly") return record.weeklyDof;
  return record.hourlyDof;
}

/** Whether a record passes every filter of the query except the text (see {@link textRelevance}). */
export function matchesFilters(record: ListingSearchRecord, query: SearchQuery): boolean {
  const price = priceOf(record, query.pricePeriod);
  const checks = [
    query.game === undefined || record.games.includes(query.game),
    query.rank === undefined || query.rank.includes(record.rank),
    query.type === undefined || record.type === query.type,
    query.hasVoiceChat === undefined || record.hasVoiceChat === query.hasVoiceChat,
    query.language === undefined || record.languages.includes(query.language),
    query.nationality === undefined || record.nationality === query.nationality,
    query.category === undefined || record.categories.includes(query.category),
    query.minPriceDof === undefined || price >= query.minPriceDof,
    query.maxPriceDof === undefined || price <= query.maxPriceDof,
    query.minRating === undefined || record.rating >= query.minRating,
    query.tags === undefined ||
      query.tags.length === 0 ||
      query.tags.some((tag) => record.tags.includes(tag)),
  ];
  return checks.every(Boolean);
}

function bestMatch(word: string, words: string[], exact: number, prefix: number): number {
  if (words.includes(word)) return exact;
  return words.some((candidate) => candidate.startsWith(word)) ? prefix : 0;
}

/**
 * How well a record matches the query words (from queryWordsOf), or undefined when some word matches
 * nothing: every word must begin a word of the title, tags or description. Each query word scores its best
 * match: 4 for a whole word of the title or tags, 3 for the start of one, 2 for a whole word of the
 * description, 1 for the start of one. With no words every record scores 0.
 */
export function textRelevance(record: ListingSearchRecord, queryWords: string[]): number | undefined {
  if (queryWords.length === 0) return 0;
  const heading = [...wordsOf(record.title), ...record.tags.flatMap(wordsOf)];
  const body = wordsOf(record.description);
  let total = 0;
  for (const word of queryWords) {
    const score = Math.max(bestMatch(word, heading, 4, 3), bestMatch(word, body, 2, 1));
    if (score === 0) return undefined;
    total += score;
  }
  return total;
}

function bump(counts: Record<string, number>, value: string): void {
  counts[value] = (counts[value] ?? 0) + 1;
}

/** Counts of the matching records per value of each facet; a listing counts once per game and language. */
export function facetsOf(records: ListingSearchRecord[]): Facets {
  const facets = noFacets();
  for (const record of records) {
    for (const [key, attribute] of Object.entries(facetAttributes) as Array<[FacetKey, string]>) {
      const value: unknown = record[attribute as keyof ListingSearchRecord];
      for (const each of new Set(Array.isArray(value) ? value : [value])) bump(facets[key], String(each));
    }
  }
  return facets;
}

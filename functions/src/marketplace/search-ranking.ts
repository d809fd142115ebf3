import { z } from "zod";
import { AppError } from "../common/errors.js";
import { queryWordsOf } from "./keywords.js";
import type { ListingSearchRecord, SearchPage, SearchQuery, SearchSort } from "./search-contract.js";
import { facetsOf, matchesFilters, priceOf, textRelevance } from "./search-matching.js";

interface Ranked {
  record: ListingSearchRecord;
  /** Compared element by element, smaller first; the listing id breaks the remaining ties. */
  key: number[];
}

/** The order of each sort as a key; every sort ends in a stable tie-breaker. */
function keyOf(record: ListingSearchRecord, sort: SearchSort, relevance: number, query: SearchQuery) {
  const price = priceOf(record, query.pricePeriod);
  switch (sort) {
    case "relevance":
      return [-relevance, -record.rating, -record.ratingCount, -record.publishedAtMs];
    case "rating":
      return [-record.rating, -record.ratingCount, -record.publishedAtMs];
    case "price_asc":
      return [price, -record.rating];
    case "price_desc":
      return [-price, -record.rating];
    case "popularity":
      return [-record.recentHires, -record.rating];
    case "newest":
      return [-record.publishedAtMs];
  }
}

function compare(a: { key: number[]; id: string }, b: { key: number[]; id: string }): number {
  for (const [i, value] of a.key.entries()) {
    const difference = value - (b.key[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A cursor is the sort and the key of the last item served: the next page starts strictly after it. */
const Cursor = z.object({ sort: z.string(), key: z.array(z.number()), id: z.string() });
type Cursor = z.infer<typeof Cursor>;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(raw: string, sort: SearchSort): Cursor {
  let parsed: ReturnType<typeof Cursor.safeParse> | undefined;
  try {
    parsed = Cursor.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
  } catch {
    // Reported below, like a well-formed cursor of another search.
  }
  if (parsed?.success && parsed.data.sort === sort) return parsed.data;
  throw new AppError("invalidArgument", "The cursor is not valid for this search.", {
    issues: [{ path: "query.cursor", code: "invalid_cursor", message: "Use a nextCursor from this search." }],
  });
}

/**
 * Filters, scores, facets, sorts and pages a set of candidate records for a query: the in-memory half of
 * the Firestore backend, pure so every rule is tested without a database. Facets and `totalHits` cover
 * every match, not just the page. Pages are keyset-paginated: a listing added or removed between two pages
 * neither repeats nor hides the others.
 */
export function rankAndPage(
  candidates: ListingSearchRecord[],
  query: SearchQuery,
): Omit<SearchPage, "backend"> {
  const words = queryWordsOf(query.q);
  const matches: Ranked[] = [];
  for (const record of candidates) {
    if (!matchesFilters(record, query)) continue;
    const relevance = textRelevance(record, words);
    if (relevance === undefined) continue;
    matches.push({ record, key: keyOf(record, query.sort, relevance, query) });
  }
  const ordered = matches
    .map((match) => ({ ...match, id: match.record.objectID }))
    .sort((a, b) => compare(a, b));
  const after = query.cursor ? decodeCursor(query.cursor, query.sort) : undefined;
  const start = after ? ordered.findIndex((match) => compare(match, after) > 0) : 0;
  const page = start < 0 ? [] : ordered.slice(start, start + query.limit);
  const last = page.at(-1);
  const more = start >= 0 && start + query.limit < ordered.length;
  return {
    items: page.map(({ record: { objectID, ...rest } }) => ({ listingId: objectID, ...rest })),
    nextCursor: more && last ? encodeCursor({ sort: query.sort, key: last.key, id: last.id }) : null,
    facets: facetsOf(matches.map((match) => match.record)),
    totalHits: matches.length,
  };
}

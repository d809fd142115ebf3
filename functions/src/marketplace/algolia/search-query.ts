import { AppError } from "../../common/errors.js";
import { facetAttributes, ListingSearchRecord, type SearchQuery } from "../search-contract.js";
import { indexForSort } from "./index-settings.js";

/**
 * A validated SearchQuery as one Algolia query: the index (the primary, or the sort's replica), a
 * `filters` string, the facets to count and the page. Pure, so the translation is unit-tested.
 */
export interface AlgoliaQuery {
  indexName: string;
  params: {
    query: string;
    filters: string;
    facets: string[];
    hitsPerPage: number;
    page: number;
    attributesToRetrieve: string[];
  };
}

/** The contract's record fields; everything else in the index (e.g. the sync version) stays there. */
export const retrievedAttributes = Object.keys(ListingSearchRecord.shape).filter((key) => key !== "objectID");

/** A facet value in Algolia's filter syntax: always quoted, so spaces and keywords are safe. */
function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, (char) => `\\${char}`)}"`;
}

const anyOf = (attribute: string, values: string[]) =>
  values.length === 1
    ? `${attribute}:${quoted(values[0] as string)}`
    : `(${values.map((value) => `${attribute}:${quoted(value)}`).join(" OR ")})`;

export function filtersFor(query: SearchQuery): string {
  const clauses: string[] = [];
  if (query.game) clauses.push(anyOf("games", [query.game]));
  if (query.rank?.length) clauses.push(anyOf("rank", query.rank));
  if (query.type) clauses.push(anyOf("type", [query.type]));
  if (query.hasVoiceChat !== undefined) clauses.push(`hasVoiceChat:${query.hasVoiceChat}`);
  if (query.language) clauses.push(anyOf("languages", [query.language]));
  if (query.nationality) clauses.push(anyOf("nationality", [query.nationality]));
  // Several tags match a listing with any of them, as Firestore's array-contains-any does.
  if (query.tags?.length) clauses.push(anyOf("tags", query.tags));
  if (query.category) clauses.push(anyOf("categories", [query.category]));
  const price = `${query.pricePeriod}Dof`;
  if (query.minPriceDof !== undefined && query.maxPriceDof !== undefined) {
    clauses.push(`${price}:${query.minPriceDof} TO ${query.maxPriceDof}`);
  } else if (query.minPriceDof !== undefined) {
    clauses.push(`${price} >= ${query.minPriceDof}`);
  } else if (query.maxPriceDof !== undefined) {
    clauses.push(`${price} <= ${query.maxPriceDof}`);
  }
  if (query.minRating !== undefined) clauses.push(`rating >= ${query.minRating}`);
  return clauses.join(" AND ");
}

/**
 * The cursor is the next page number of one index (each sort reads its own replica), opaque to clients; a
 * cursor of another sort is refused, as the Firestore backend refuses it.
 */
export function encodeCursor(page: number, indexName: string): string {
  return Buffer.from(JSON.stringify({ page, index: indexName })).toString("base64url");
}

export function decodeCursor(cursor: string | undefined, indexName: string): number {
  if (cursor === undefined) return 0;
  try {
    const { page, index } = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as {
      page?: unknown;
      index?: unknown;
    };
    if (typeof page === "number" && Number.isInteger(page) && page > 0 && page < 1000 && index === indexName)
      return page;
  } catch {
    // Falls through to the same answer as a well-formed cursor of the wrong shape.
  }
  throw new AppError("invalidArgument", "The cursor is not valid for this list.", {
    issues: [{ path: "query.cursor", code: "invalid_cursor", message: "Use a nextCursor from this list." }],
  });
}

export function toAlgoliaQuery(query: SearchQuery, primaryIndex: string): AlgoliaQuery {
  const indexName = indexForSort(primaryIndex, query.sort, query.pricePeriod);
  return {
    indexName,
    params: {
      query: query.q ?? "",
      filters: filtersFor(query),
      facets: Object.values(facetAttributes),
      hitsPerPage: query.limit,
      page: decodeCursor(query.cursor, indexName),
      attributesToRetrieve: retrievedAttributes,
    },
  };
}

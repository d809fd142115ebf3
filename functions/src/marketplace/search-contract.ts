import { z } from "zod";
import { AgentType, Game, Language, Nationality, Rank } from "../agents/schemas.js";
import { PageQuery } from "../http/pagination.js";
import { Category } from "./categories.js";
import { Listing, publicListingFields } from "./schemas.js";

/**
 * The contract both search backends (Firestore and Algolia) answer: the same query in, the same page out.
 * The route validates the query once; a backend never sees raw input.
 */

export const PricePeriod = z.enum(["hourly", "daily", "weekly"]);
export type PricePeriod = z.infer<typeof PricePeriod>;

export const SearchSort = z.enum(["relevance", "rating", "price_asc", "price_desc", "popularity", "newest"]);
export type SearchSort = z.infer<typeof SearchSort>;

/** Query strings repeat a key for several values (`rank=Gold&rank=Platinum`) or use commas. */
const several = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) => (typeof value === "string" ? value.split(",").filter(Boolean) : value),
    z.array(item).max(10),
  );

const booleanFlag = z.enum(["true", "false"]).transform((value) => value === "true");

/**
 * What a search may ask. Filters combine with AND. Within one filter: every word of `q` must begin some word
 * of the listing's title, tags or description (accents and case ignored); `rank` matches any of its values;
 * `tags` matches listings having at least one of them; prices apply to the `pricePeriod` price.
 */
export const SearchQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  game: Game.optional(),
  rank: several(Rank).optional(),
  type: AgentType.optional(),
  hasVoiceChat: booleanFlag.optional(),
  language: Language.optional(),
  nationality: Nationality.optional(),
  pricePeriod: PricePeriod.default("hourly"),
  minPriceDof: z.coerce.number().int().nonnegative().optional(),
  maxPriceDof: z.coerce.number().int().nonnegative().optional(),
  minRating: z.coerce.number().min(0).max(5).optional(),
  tags: several(z.string().trim().toLowerCase().min(1).max(30)).optional(),
  /** One of the catalogue in categories.ts. */
  category: Category.optional(),
  sort: SearchSort.default("relevance"),
}).refine(
  (query) =>
    query.minPriceDof === undefined ||
    query.maxPriceDof === undefined ||
    query.minPriceDof <= query.maxPriceDof,
  { message: "minPriceDof must not exceed maxPriceDof.", path: ["minPriceDof"] },
);
export type SearchQuery = z.infer<typeof SearchQuery>;

/**
 * One active listing as search sees it: Algolia's record (objectID = listing id), and the fields the
 * Firestore backend filters and sorts on. Prices are whole DOF; `rating` is the 0–5 average.
 */
export const ListingSearchRecord = Listing.pick(publicListingFields).extend({
  objectID: z.string(),
  hourlyDof: z.number().int(),
  dailyDof: z.number().int(),
  weeklyDof: z.number().int(),
  rating: z.number(),
  ratingCount: z.number().int(),
  /** Hires in the last 30 days: the popularity sort and part of the featured score. */
  recentHires: z.number().int(),
  publishedAtMs: z.number().int(),
});
export type ListingSearchRecord = z.infer<typeof ListingSearchRecord>;

/**
 * The filters a client shows counts for, each by the record attribute it counts: a listing counts once per
 * value of a list attribute (each game, each language).
 */
export const facetAttributes = {
  game: "games",
  rank: "rank",
  type: "type",
  language: "languages",
  hasVoiceChat: "hasVoiceChat",
} as const satisfies Record<string, keyof ListingSearchRecord>;
export type FacetKey = keyof typeof facetAttributes;

const FacetCounts = z.record(z.string(), z.number().int());

/** Counts of matching listings per value, for the filters a client shows. */
export const Facets = z.object(
  Object.fromEntries(Object.keys(facetAttributes).map((key) => [key, FacetCounts])) as Record<
    FacetKey,
    typeof FacetCounts
  >,
);
export type Facets = z.infer<typeof Facets>;

/** Facets with nothing counted yet. */
export function noFacets(): Facets {
  return Object.fromEntries(Object.keys(facetAttributes).map((key) => [key, {}])) as Facets;
}

export const SearchPage = z.object({
  items: z.array(ListingSearchRecord.omit({ objectID: true }).extend({ listingId: z.string() })),
  nextCursor: z.string().nullable(),
  facets: Facets,
  totalHits: z.number().int(),
  /** Which backend answered; the shape is the same either way. */
  backend: z.enum(["algolia", "firestore"]),
});
export type SearchPage = z.infer<typeof SearchPage>;

/** What a backend implements. */
export interface SearchBackend {
  search(query: SearchQuery): Promise<SearchPage>;
}

import { Timestamp } from "firebase-admin/firestore";
import { z } from "zod";
import { AppError } from "../common/errors.js";
import type { Caller } from "../http/caller.js";
import { type OrderField, PageQuery, paginate } from "../http/pagination.js";
import { type Category, categories, categoryCatalogue } from "./categories.js";
import { listingVisibleTo, managesListing, readListing } from "./listings.js";
import { listings } from "./repo.js";
import { type ListingView, type ManagedListingView, managedViewOf, viewOf } from "./views.js";

export const BrowseSort = z.enum(["newest", "rating", "popularity"]);
export const BrowseQuery = PageQuery.extend({ sort: BrowseSort.default("newest") });
export type BrowseQuery = z.infer<typeof BrowseQuery>;

const browseOrder: Record<z.infer<typeof BrowseSort>, OrderField> = {
  newest: { field: "publishedAt", direction: "desc" },
  rating: { field: "stats.rating", direction: "desc" },
  popularity: { field: "stats.recentHires", direction: "desc" },
};

/** Active listings in one of three orders, a page at a time; each order has its composite index. */
export async function browseListings(query: BrowseQuery) {
  const active = listings().where("status", "==", "active");
  const page = await paginate(active, [browseOrder[query.sort]], query);
  return { items: page.items.map(viewOf), nextCursor: page.nextCursor };
}

/**
 * The featured list: pinned listings first, the most recently pinned on top, then the best by
 * featuredScore (featured-score.ts), `limit` in all. Two indexed queries; the score is stored on each
 * listing, so ranking needs no scan.
 */
export async function featuredListings(limit: number): Promise<ListingView[]> {
  const active = listings().where("status", "==", "active");
  const pinned = await active
    .where("pinnedAt", ">", Timestamp.fromMillis(0))
    .orderBy("pinnedAt", "desc")
    .limit(limit)
    .get();
  const pinnedIds = new Set(pinned.docs.map((doc) => doc.id));
  const rest = limit - pinned.size;
  const ranked =
    rest > 0
      ? (
          await active
            .orderBy("featuredScore", "desc")
            .limit(rest + pinned.size)
            .get()
        ).docs
          .filter((doc) => !pinnedIds.has(doc.id))
          .slice(0, rest)
      : [];
  return [...pinned.docs, ...ranked].map((doc) => viewOf(doc.data()));
}

export interface CategoryCount {
  category: Category;
  label: string;
  activeListings: number;
}

/**
 * Every catalogue category with its number of active listings, counted by aggregation queries at read
 * time: always exact whatever changed (status, categories), with nothing to keep in sync. Each count is
 * billed one read per 1,000 listings counted.
 */
export async function categoryCounts(): Promise<CategoryCount[]> {
  const active = listings().where("status", "==", "active");
  return Promise.all(
    categories.map(async (category) => {
      const counted = await active.where("categories", "array-contains", category).count().get();
      return { category, label: categoryCatalogue[category], activeListings: counted.data().count };
    }),
  );
}

/**
 * One listing as the caller may see it. Only active listings are public; any other status answers 404,
 * except to its owner and to admins, who also get the moderation side (status reason and history).
 */
export async function listingForCaller(
  listingId: string,
  caller: Caller | undefined,
): Promise<ListingView | ManagedListingView> {
  const listing = await readListing(listingId);
  if (!listing || !listingVisibleTo(listing, caller)) throw new AppError("notFound", "No such listing.");
  return managesListing(listing, caller) ? managedViewOf(listing) : viewOf(listing);
}

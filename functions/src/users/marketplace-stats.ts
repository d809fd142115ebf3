import { AggregateField } from "firebase-admin/firestore";
import { z } from "zod";
import { agents } from "../agents/repo.js";
import { Collections } from "../common/collections.js";
import { db } from "../common/firebase.js";

/** What an account has built on the marketplace; its DOF earnings are added only in the owner's view. */
export const MarketplaceStats = z.object({
  agentsOwned: z.number().int().nonnegative(),
  activeListings: z.number().int().nonnegative(),
  totalHires: z.number().int().nonnegative(),
  /** Mean of the 0–5 ratings of the listings that have at least one review; null when none has. */
  averageRating: z.number().min(0).max(5).nullable(),
});
export type MarketplaceStats = z.infer<typeof MarketplaceStats>;

/**
 * The listing fields these statistics read, named once: listings belong to the marketplace capability, and
 * only these fields of its documents are relied on here (`ownerUid`, `status`, `stats.*`).
 */
const listingField = {
  ownerUid: "ownerUid",
  status: "status",
  totalHires: "stats.totalHires",
  rating: "stats.rating",
  ratingCount: "stats.ratingCount",
} as const;

const Totals = z.object({ totalHires: z.number().nonnegative() });
const Ratings = z.object({ averageRating: z.number().nullable() });

/**
 * Counts and sums computed by Firestore aggregations, so an account with thousands of listings costs a
 * handful of index reads instead of reading every document.
 */
export async function marketplaceStats(uid: string): Promise<MarketplaceStats> {
  const listings = db().collection(Collections.listings).where(listingField.ownerUid, "==", uid);
  const [owned, active, totals, ratings] = await Promise.all([
    agents().where("ownerUid", "==", uid).count().get(),
    listings.where(listingField.status, "==", "active").count().get(),
    listings.aggregate({ totalHires: AggregateField.sum(listingField.totalHires) }).get(),
    // A listing nobody has reviewed yet has no rating to speak of; averaging its 0 in would be unfair.
    listings
      .where(listingField.ratingCount, ">", 0)
      .aggregate({ averageRating: AggregateField.average(listingField.rating) })
      .get(),
  ]);
  const { averageRating } = Ratings.parse(ratings.data());
  return MarketplaceStats.parse({
    agentsOwned: owned.data().count,
    activeListings: active.data().count,
    totalHires: Math.round(Totals.parse(totals.data()).totalHires),
    averageRating: averageRating === null ? null : Math.round(averageRating * 100) / 100,
  });
}

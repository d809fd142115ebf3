import { AggregateField, Timestamp, type Transaction } from "firebase-admin/firestore";
import { z } from "zod";
import type { Caller } from "../http/caller.js";
import { statsFields } from "./listing-stats.js";
import { listingRef, listings } from "./repo.js";
import type { Listing, ListingStats } from "./schemas.js";

/**
 * The marketplace's face for other capabilities: what they may read of listings and the changes they may
 * ask for. Listings are written by nothing else.
 */

/** One listing, inside `transaction` when given. */
export async function readListing(
  listingId: string,
  transaction?: Transaction,
): Promise<Listing | undefined> {
  const ref = listingRef(listingId);
  return (transaction ? await transaction.get(ref) : await ref.get()).data();
}

/** Whether the caller runs the listing: its owner, or an admin. */
export function managesListing(listing: Listing, caller: Caller | undefined): boolean {
  return caller !== undefined && (caller.uid === listing.ownerUid || caller.roles.has("admin"));
}

/** Active listings are public; any other is seen only by whoever manages it. */
export function listingVisibleTo(listing: Listing | undefined, caller: Caller | undefined): boolean {
  if (!listing) return false;
  return listing.status === "active" || managesListing(listing, caller);
}

/** New statistics of a listing (a review, a hire count), with the featured score derived from them. */
export function writeListingStats(transaction: Transaction, listingId: string, stats: ListingStats): void {
  transaction.update(listingRef(listingId), statsFields(stats));
}

/**
 * Reads the listing of an agent being deleted and returns the write that takes it down (`unpublished`), for
 * the caller's transaction: every read before every write.
 */
export async function prepareTakeDown(transaction: Transaction, listingId: string): Promise<() => void> {
  const ref = listingRef(listingId);
  const listing = await transaction.get(ref);
  return () => {
    if (listing.exists) transaction.update(ref, { status: "unpublished", unpublishedAt: Timestamp.now() });
  };
}

const Totals = z.object({ totalHires: z.number().nonnegative() });
const Ratings = z.object({ averageRating: z.number().nullable() });

/** What an owner's listings add up to, by aggregation queries (a handful of index reads, however many). */
export async function listingTotalsOf(
  ownerUid: string,
): Promise<{ activeListings: number; totalHires: number; averageRating: number | null }> {
  const owned = listings().where("ownerUid", "==", ownerUid);
  const [active, totals, ratings] = await Promise.all([
    owned.where("status", "==", "active").count().get(),
    owned.aggregate({ totalHires: AggregateField.sum("stats.totalHires") }).get(),
    // A listing nobody has reviewed yet has no rating to speak of; averaging its 0 in would be unfair.
    owned
      .where("stats.ratingCount", ">", 0)
      .aggregate({ averageRating: AggregateField.average("stats.rating") })
      .get(),
  ]);
  const { averageRating } = Ratings.parse(ratings.data());
  return {
    activeListings: active.data().count,
    totalHires: Math.round(Totals.parse(totals.data()).totalHires),
    averageRating: averageRating === null ? null : Math.round(averageRating * 100) / 100,
  };
}

import { isDeepStrictEqual } from "node:util";
import { AggregateField, type DocumentData, Timestamp } from "firebase-admin/firestore";
import { db } from "../common/firebase.js";
import { type FeedEvent, publishEvents } from "../events/feed.js";
import { readListing, writeListingStats } from "../marketplace/listings.js";
import { reviewOrders } from "./read-reviews.js";
import { reviews, summaryRef } from "./repo.js";
import { Review } from "./schemas.js";
import { type ReviewView, reviewView } from "./views.js";

/** How many reviews a listing's page features. */
export const featuredReviewCount = 3;

/** One write of `reviews/{reviewId}` as the trigger saw it; `before`/`after` are undefined when absent. */
export interface ReviewWrite {
  reviewId: string;
  before: DocumentData | undefined;
  after: DocumentData | undefined;
  /** The event's time, used only for a deletion (which has no time of its own on the review). */
  occurredAtMs: number;
}

export type RefreshOutcome =
  | { result: "malformed" }
  | { result: "no_listing"; listingId: string }
  | {
      result: "refreshed";
      listingId: string;
      rating: number;
      ratingCount: number;
      statsChanged: boolean;
      featuredChanged: boolean;
      published: number;
    };

/** The average of integer ratings, to two decimals; 0 when there are none (as ListingStats has it). */
export function averageRating(ratingSum: number, ratingCount: number): number {
  return ratingCount === 0 ? 0 : Math.round((ratingSum / ratingCount) * 100) / 100;
}

function parsed(data: DocumentData | undefined): Review | undefined {
  const result = Review.safeParse(data);
  return result.success ? result.data : undefined;
}

/**
 * The feed events a review write causes, to the listing owner. Their cause ids come from the review and its
 * own times, not from the delivery, so a redelivered (or replayed) write publishes the same children again.
 */
function eventsOf(
  write: ReviewWrite,
  before: Review | undefined,
  after: Review | undefined,
  summary: { listingId: string; rating: number; ratingCount: number },
): FeedEvent[] {
  const events: FeedEvent[] = [];
  if (!before && after)
    events.push({
      type: "marketplace.new_review",
      causeId: `review:${write.reviewId}:created`,
      occurredAtMs: after.createdAt.toMillis(),
      data: {
        listingId: after.listingId,
        reviewId: after.reviewId,
        rating: after.rating,
        title: after.title,
        reviewerUid: after.reviewerUid,
        reviewerName: after.reviewerName,
      },
    });
  if (before?.rating !== after?.rating)
    events.push({
      type: "marketplace.rating_updated",
      causeId: after
        ? `review:${write.reviewId}:rating:${after.updatedAt.toMillis()}`
        : `review:${write.reviewId}:deleted`,
      occurredAtMs: after ? after.updatedAt.toMillis() : write.occurredAtMs,
      data: summary,
    });
  return events;
}

/**
 * After any write of a review: recomputes the listing's `stats.rating` and `stats.ratingCount` from all its
 * reviews (an aggregation, read in the transaction that writes the stats, so the last writer always wrote
 * the newest truth and an old or repeated event cannot move the stats backwards), keeps the hire counters
 * as the transaction read them, chooses the featured reviews, and writes only what changed. Then publishes
 * `marketplace.new_review` and `marketplace.rating_updated` to the listing owner, idempotently.
 */
export async function refreshListingReviews(write: ReviewWrite): Promise<RefreshOutcome> {
  const before = parsed(write.before);
  const after = parsed(write.after);
  const listingId = after?.listingId ?? before?.listingId;
  if (!listingId) return { result: "malformed" };
  const ofListing = reviews().where("listingId", "==", listingId);
  let featured = ofListing;
  for (const { field, direction } of reviewOrders.helpful) featured = featured.orderBy(field, direction);

  const refreshed = await db().runTransaction(async (tx) => {
    const listing = await readListing(listingId, tx);
    if (!listing) return undefined;
    const [totals, top, summary] = await Promise.all([
      tx.get(ofListing.aggregate({ count: AggregateField.count(), sum: AggregateField.sum("rating") })),
      tx.get(featured.limit(featuredReviewCount)),
      tx.get(summaryRef(listingId)),
    ]);
    const { count, sum } = totals.data();
    const ratingCount = count;
    const rating = averageRating(sum ?? 0, ratingCount);
    const stats = { ...listing.stats, rating, ratingCount };
    const views: ReviewView[] = top.docs.map((doc) => reviewView(doc.data()));
    const statsChanged = !isDeepStrictEqual(stats, listing.stats);
    const featuredChanged = !isDeepStrictEqual(views, summary.data()?.featured);
    if (statsChanged) writeListingStats(tx, listingId, stats);
    if (featuredChanged)
      tx.set(summaryRef(listingId), { listingId, featured: views, updatedAt: Timestamp.now() });
    return { ownerUid: listing.ownerUid, rating, ratingCount, statsChanged, featuredChanged };
  });
  if (!refreshed) return { result: "no_listing", listingId };

  const { ownerUid, ...outcome } = refreshed;
  const events = eventsOf(write, before, after, {
    listingId,
    rating: outcome.rating,
    ratingCount: outcome.ratingCount,
  });
  await publishEvents(events.map((event) => ({ uid: ownerUid, event })));
  return { result: "refreshed", listingId, ...outcome, published: events.length };
}

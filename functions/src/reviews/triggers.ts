import { logger } from "firebase-functions";
import { onDocumentWritten } from "firebase-functions/v2/firestore";
import { Collections } from "../common/collections.js";

/**
 * Every write of a review (a new one, a vote changing its counts): refreshes the listing's rating, count and
 * featured reviews and tells the owner. Retried on failure, which is safe: the refresh recomputes from the
 * reviews and its events have fixed keys. The code loads on the first event, not with the codebase.
 */
export const onReviewWritten = onDocumentWritten(
  { document: `${Collections.reviews}/{reviewId}`, retry: true },
  async (event) => {
    const { refreshListingReviews } = await import("./refresh-listing.js");
    const outcome = await refreshListingReviews({
      reviewId: event.params.reviewId,
      before: event.data?.before.data(),
      after: event.data?.after.data(),
      occurredAtMs: Date.parse(event.time),
    });
    logger.info("Listing reviews refreshed", {
      reviewId: event.params.reviewId,
      eventId: event.id,
      ...outcome,
    });
  },
);

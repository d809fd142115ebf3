import { Timestamp } from "firebase-admin/firestore";
import { z } from "zod";
import { Collections } from "../common/collections.js";
import { converterFor } from "../common/converter.js";
import { db } from "../common/firebase.js";
import { Review, ReviewVote } from "./schemas.js";
import { ReviewView } from "./views.js";

/**
 * `reviewSummaries/{listingId}`: the reviews a listing's page features, as public views, so the page reads
 * one document instead of querying reviews. Written only by the reviews trigger (refresh-listing.ts).
 */
export const ReviewSummary = z.object({
  listingId: z.string().min(1),
  featured: z.array(ReviewView),
  updatedAt: z.instanceof(Timestamp),
});
export type ReviewSummary = z.infer<typeof ReviewSummary>;

const reviewConverter = converterFor(Review);
const voteConverter = converterFor(ReviewVote);
const summaryConverter = converterFor(ReviewSummary);

export function reviews() {
  return db().collection(Collections.reviews).withConverter(reviewConverter);
}

export function reviewRef(reviewId: string) {
  return reviews().doc(reviewId);
}

export function voteRef(reviewId: string, uid: string) {
  return db()
    .collection(Collections.reviews)
    .doc(reviewId)
    .collection(Collections.reviewVotes)
    .doc(uid)
    .withConverter(voteConverter);
}

export function summaryRef(listingId: string) {
  return db().collection(Collections.reviewSummaries).doc(listingId).withConverter(summaryConverter);
}

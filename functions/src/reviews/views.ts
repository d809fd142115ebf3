import { z } from "zod";
import type { Review } from "./schemas.js";

/**
 * A review as anyone may see it. Of the reviewer only the uid and display name; the session, its
 * configuration and the reviewer's profile stay private. Built field by field, so a field added to the
 * review later stays private until added here.
 */
export const ReviewView = z.object({
  reviewId: z.string(),
  listingId: z.string(),
  agentId: z.string(),
  reviewer: z.object({ uid: z.string(), displayName: z.string() }),
  rating: z.number().int().min(1).max(5),
  title: z.string().nullable(),
  comment: z.string(),
  verified: z.boolean(),
  hoursUsed: z.number().nonnegative(),
  helpfulCount: z.number().int().nonnegative(),
  notHelpfulCount: z.number().int().nonnegative(),
  createdAt: z.string(),
});
export type ReviewView = z.infer<typeof ReviewView>;

export function reviewView(review: Review): ReviewView {
  return {
    reviewId: review.reviewId,
    listingId: review.listingId,
    agentId: review.agentId,
    reviewer: { uid: review.reviewerUid, displayName: review.reviewerName },
    rating: review.rating,
    title: review.title,
    comment: review.comment,
    verified: review.verified,
    hoursUsed: review.hoursUsed,
    helpfulCount: review.helpfulCount,
    notHelpfulCount: review.notHelpfulCount,
    createdAt: review.createdAt.toDate().toISOString(),
  };
}

/** What a vote answers: the caller's vote (null once withdrawn) and the review's counts after it. */
export const VoteView = z.object({
  reviewId: z.string(),
  helpful: z.boolean().nullable(),
  helpfulCount: z.number().int().nonnegative(),
  notHelpfulCount: z.number().int().nonnegative(),
});
export type VoteView = z.infer<typeof VoteView>;

import { createHash } from "node:crypto";
import { Timestamp } from "firebase-admin/firestore";
import { z } from "zod";

/**
 * `reviews/{reviewId}`: what a hirer said of one hired session. Everything but rating, title and comment is
 * set by the server: `verified` and `hoursUsed` come from the session, the counts from the votes.
 */
export const Review = z.object({
  reviewId: z.string().min(1),
  /** Private: never shown in a public view (see views.ts). */
  sessionId: z.string().min(1),
  listingId: z.string().min(1),
  agentId: z.string().min(1),
  /** The listing owner's uid at the time of the review, whom the review events go to. */
  ownerUid: z.string().min(1),
  reviewerUid: z.string().min(1),
  /** The reviewer's display name when they wrote it, so reading reviews never reads profiles. */
  reviewerName: z.string().max(80),
  rating: z.number().int().min(1).max(5),
  title: z.string().nullable(),
  comment: z.string(),
  /** True when the session consumed DOF: the reviewer paid for what they review. */
  verified: z.boolean(),
  hoursUsed: z.number().nonnegative(),
  helpfulCount: z.number().int().nonnegative(),
  notHelpfulCount: z.number().int().nonnegative(),
  /** helpfulCount − notHelpfulCount, stored so "most helpful" is one indexed order. */
  helpfulness: z.number().int(),
  createdAt: z.instanceof(Timestamp),
  /** Changes with the review's content only; votes do not move it. */
  updatedAt: z.instanceof(Timestamp),
});
export type Review = z.infer<typeof Review>;

/** `reviews/{reviewId}/votes/{uid}`. */
export const ReviewVote = z.object({
  uid: z.string().min(1),
  helpful: z.boolean(),
  votedAt: z.instanceof(Timestamp),
});
export type ReviewVote = z.infer<typeof ReviewVote>;

/**
 * The review id of a session: derived, so "one review per session" is a document that exists or not, and
 * hashed, so the public review does not reveal the private session id.
 */
export function reviewIdOf(sessionId: string): string {
  return createHash("sha256").update(`review:${sessionId}`).digest("base64url").slice(0, 24);
}

export const ReviewBody = z.strictObject({
  rating: z.number().int().min(1).max(5),
  title: z.string().trim().min(1).max(100).optional(),
  comment: z.string().trim().min(1).max(2000),
});
export type ReviewBody = z.infer<typeof ReviewBody>;

export const VoteBody = z.strictObject({ helpful: z.boolean() });

const DocumentId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, "Not a valid id.");
export const SessionIdParams = z.strictObject({ sessionId: DocumentId });
export const ReviewIdParams = z.strictObject({ reviewId: DocumentId });

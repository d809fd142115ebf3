import { Timestamp } from "firebase-admin/firestore";
import { AppError } from "../common/errors.js";
import { db } from "../common/firebase.js";
import type { Caller } from "../http/caller.js";
import { visibleReview } from "./read-reviews.js";
import { reviewRef, voteRef } from "./repo.js";
import type { Review } from "./schemas.js";
import type { VoteView } from "./views.js";

type Counts = Pick<Review, "helpfulCount" | "notHelpfulCount" | "helpfulness">;

/** The review's counts with one vote taken away (`previous`) and another added (`next`); null is none. */
export function recount(review: Counts, previous: boolean | null, next: boolean | null): Counts {
  const helpful = review.helpfulCount - (previous === true ? 1 : 0) + (next === true ? 1 : 0);
  const notHelpful = review.notHelpfulCount - (previous === false ? 1 : 0) + (next === false ? 1 : 0);
  return { helpfulCount: helpful, notHelpfulCount: notHelpful, helpfulness: helpful - notHelpful };
}

/**
 * Sets (`helpful` true or false) or withdraws (null) the caller's vote on a review. The vote document and
 * the review's counts change in one transaction, from the vote the transaction read, so the counts stay
 * exact however often a vote is repeated, changed or raced. Nobody votes on their own review, nor the
 * listing's owner on its reviews; anyone may withdraw a vote (nothing to withdraw is not an error).
 */
export async function setVote(caller: Caller, reviewId: string, helpful: boolean | null): Promise<VoteView> {
  const visible = await visibleReview(reviewId, caller);
  if (helpful !== null && visible.reviewerUid === caller.uid)
    throw new AppError("permissionDenied", "You cannot vote on your own review.", { reason: "own_review" });
  // The owner could otherwise bury the critical reviews of their own listing.
  if (helpful !== null && visible.ownerUid === caller.uid)
    throw new AppError("permissionDenied", "You cannot vote on reviews of your own listing.", {
      reason: "own_listing",
    });
  return db().runTransaction(async (tx) => {
    const ref = reviewRef(reviewId);
    const vote = voteRef(reviewId, caller.uid);
    const [review, current] = await Promise.all([
      tx.get(ref).then((snapshot) => snapshot.data()),
      tx.get(vote).then((snapshot) => snapshot.data()),
    ]);
    if (!review) throw new AppError("notFound", "No such review.");
    const previous = current?.helpful ?? null;
    const counts = recount(review, previous, helpful);
    if (previous !== helpful) {
      tx.update(ref, counts);
      if (helpful === null) tx.delete(vote);
      else tx.set(vote, { uid: caller.uid, helpful, votedAt: Timestamp.now() });
    }
    return { reviewId, helpful, helpfulCount: counts.helpfulCount, notHelpfulCount: counts.notHelpfulCount };
  });
}

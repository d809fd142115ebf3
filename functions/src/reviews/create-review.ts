import { Timestamp } from "firebase-admin/firestore";
import { AppError } from "../common/errors.js";
import { db } from "../common/firebase.js";
import { sessionRef } from "../sessions/repo.js";
import { hoursUsed, type Session } from "../sessions/schemas.js";
import { profileRef } from "../users/repo.js";
import { reviewRef } from "./repo.js";
import { type Review, type ReviewBody, reviewIdOf } from "./schemas.js";
import { type ReviewView, reviewView } from "./views.js";

/** Sessions whose hire is over: the escrow is settled or about to be. */
const reviewableStatuses: ReadonlySet<Session["status"]> = new Set(["ended", "settled"]);

/**
 * Why a session of the caller's cannot be reviewed, or nothing when it can. Owned and trial sessions never
 * can (403: nothing paid, nothing to vouch for); a hire that is not over yet can later (412).
 */
function refusal(session: Session): AppError | undefined {
  if (session.kind !== "hired")
    return new AppError("permissionDenied", "Only hired sessions can be reviewed.", {
      reason: "session_not_hired",
      kind: session.kind,
    });
  if (!reviewableStatuses.has(session.status))
    return new AppError("failedPrecondition", "The session can be reviewed once it has ended.", {
      reason: "session_not_ended",
      status: session.status,
    });
  return undefined;
}

/**
 * `POST /sessions/:sessionId/review`: the hirer's review of an ended hired session, once. The review id is
 * derived from the session id and created in the transaction that reads the session, so two concurrent
 * posts make one review and the other gets 409. `verified` and `hoursUsed` come from the session. Someone
 * else's session answers 404, as if it did not exist.
 */
export async function createReview(uid: string, sessionId: string, body: ReviewBody): Promise<ReviewView> {
  // The display name is copied once, outside the transaction: a rename racing a review is harmless.
  const reviewerName = (await profileRef(uid).get()).data()?.displayName ?? "";
  const reviewId = reviewIdOf(sessionId);
  return db().runTransaction(async (tx) => {
    const session = (await tx.get(sessionRef(sessionId))).data();
    if (!session || session.hirerUid !== uid) throw new AppError("notFound", "No such session.");
    const refused = refusal(session);
    if (refused) throw refused;
    const ref = reviewRef(reviewId);
    if ((await tx.get(ref)).exists)
      throw new AppError("conflict", "You have already reviewed this session.", { reviewId });
    const now = Timestamp.now();
    const review: Review = {
      reviewId,
      sessionId,
      listingId: session.listingId,
      agentId: session.agentId,
      ownerUid: session.ownerUid,
      reviewerUid: uid,
      reviewerName,
      rating: body.rating,
      title: body.title ?? null,
      comment: body.comment,
      verified: session.consumedDof > 0,
      hoursUsed: hoursUsed(session),
      helpfulCount: 0,
      notHelpfulCount: 0,
      helpfulness: 0,
      createdAt: now,
      updatedAt: now,
    };
    tx.create(ref, review);
    return reviewView(review);
  });
}

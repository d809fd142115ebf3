import { Timestamp } from "firebase-admin/firestore";
import { agentRef } from "../agents/repo.js";
import { AppError } from "../common/errors.js";
import { db } from "../common/firebase.js";
import { Accounts } from "../ledger/accounts.js";
import { causedId, commandId, fingerprint, replayOf } from "../ledger/commands.js";
import { preparePostings } from "../ledger/post.js";
import { listingRef } from "../marketplace/repo.js";
import { hirePriceDof, maxQuantity, periodMs } from "./periods.js";
import { sessionRef } from "./repo.js";
import type { HireBody } from "./requests.js";
import { newSession, type Session } from "./schemas.js";

function listingNotFound(listingId: string): AppError {
  return new AppError("notFound", "No such listing.", { listingId });
}

/**
 * Hires a listed agent: the price of the period times the quantity moves from the hirer's wallet into the
 * session's escrow, and the session starts, all in one Firestore transaction. The balance check is in that
 * transaction, so concurrent hires can never spend more than the wallet holds. A retry with the same key
 * answers the same session; the same key for a different hire is a conflict.
 */
export async function hireAgent(
  hirerUid: string,
  listingId: string,
  body: HireBody,
): Promise<{ session: Session; created: boolean }> {
  if (body.quantity > maxQuantity[body.duration])
    throw new AppError(
      "invalidArgument",
      `At most ${maxQuantity[body.duration]} periods per ${body.duration} hire.`,
      {
        issues: [
          { path: "body.quantity", code: "too_big", message: `At most ${maxQuantity[body.duration]}.` },
        ],
      },
    );
  const sessionId = commandId("hire", hirerUid, body.idempotencyKey);
  const requestHash = fingerprint(["hire", listingId, body.duration, body.quantity, body.configuration]);
  return db().runTransaction(
    async (transaction) => {
      const existing = (await transaction.get(sessionRef(sessionId))).data();
      if (replayOf(existing, requestHash, { commandId: sessionId, command: "hire" }))
        return { session: existing, created: false };
      const listing = (await transaction.get(listingRef(listingId))).data();
      if (listing?.status !== "active") throw listingNotFound(listingId);
      if (listing.ownerUid === hirerUid)
        throw new AppError("failedPrecondition", "This is your own agent: start an owned session instead.", {
          listingId,
        });
      const agent = (await transaction.get(agentRef(listing.agentId))).data();
      if (!agent) throw listingNotFound(listingId);

      const escrowDof = hirePriceDof(listing.pricing, body.duration, body.quantity);
      const prepared = await preparePostings(transaction, [
        {
          transactionId: causedId("hold", sessionId),
          type: "session_hold",
          debit: Accounts.wallet(hirerUid),
          credit: Accounts.escrow(sessionId),
          amountDof: escrowDof,
          references: { sessionId, listingId },
        },
      ]);
      const session = newSession(
        {
          sessionId,
          kind: "hired",
          listingId,
          agentId: listing.agentId,
          ownerUid: listing.ownerUid,
          creatorUid: agent.creatorUid ?? agent.ownerUid,
          hirerUid,
          duration: body.duration,
          quantity: body.quantity,
          configuration: body.configuration,
          hourlyDof: listing.pricing.hourlyDof,
          escrowDof,
          requestHash,
          lengthMs: periodMs[body.duration] * body.quantity,
        },
        Timestamp.now(),
      );
      prepared.write();
      transaction.create(sessionRef(sessionId), session);
      return { session, created: true };
    },
    // A popular wallet sees many hires at once; let a transaction wait its turn a little longer.
    { maxAttempts: 20 },
  );
}

import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { db } from "../common/firebase.js";
import { Accounts } from "../ledger/accounts.js";
import { causedId } from "../ledger/commands.js";
import { isLedgerFailure } from "../ledger/errors.js";
import { preparePostings, type TransferRequest } from "../ledger/post.js";
import type { TransactionType } from "../ledger/schemas.js";
import { markSettled } from "../sessions/of-others.js";
import { sessionRef } from "../sessions/repo.js";
import { settlementRef } from "./repo.js";
import type { Settlement } from "./schemas.js";

function payouts(settlement: Settlement): TransferRequest[] {
  const escrow = Accounts.escrow(settlement.sessionId);
  const references = { sessionId: settlement.sessionId, listingId: settlement.listingId };
  // An owner who built the agent takes both shares in one posting: half the writes to their hot earnings.
  const sameHands = settlement.creatorUid === settlement.ownerUid;
  const ownerDof = settlement.shares.owner + (sameHands ? settlement.shares.creator : 0);
  const creatorDof = sameHands ? 0 : settlement.shares.creator;
  const legs: Array<[TransactionType, string, ReturnType<typeof Accounts.wallet>, number]> = [
    ["session_owner_share", "owner", Accounts.earnings(settlement.ownerUid), ownerDof],
    ["session_creator_share", "creator", Accounts.earnings(settlement.creatorUid), creatorDof],
    ["session_platform_share", "platform", Accounts.platformRevenue, settlement.shares.platform],
    ["session_release", "release", Accounts.wallet(settlement.hirerUid), settlement.releasedDof],
  ];
  return legs
    .filter(([, , , amountDof]) => amountDof > 0)
    .map(([type, leg, credit, amountDof]) => ({
      transactionId: causedId("settle", settlement.sessionId, leg),
      type,
      debit: escrow,
      credit,
      amountDof,
      references,
    }));
}

/**
 * Pays out one settlement: the consumed DOF to the owner's and creator's earnings and the platform, the
 * rest back to the hirer, and the session marked settled, in one transaction. The session's status makes
 * a redelivered event a no-op (and the payouts' ids would refuse a second payment anyway).
 * Returns whether it paid now.
 */
export async function paySettlement(sessionId: string): Promise<boolean> {
  return db().runTransaction(async (transaction) => {
    const settlement = (await transaction.get(settlementRef(sessionId))).data();
    const session = (await transaction.get(sessionRef(sessionId))).data();
    if (!settlement || !session || session.status !== "ended") return false;
    const prepared = await preparePostings(transaction, payouts(settlement)).catch((error: unknown) => {
      // The escrow holds less than the session says it does: a broken invariant, not a passing failure.
      // Retrying cannot fix it, so it is logged for a person to look at and the event is not retried.
      if (isLedgerFailure(error, "insufficient_funds")) {
        logger.error("Settlement not paid: the escrow does not hold the session's DOF", {
          sessionId,
          ...error.failure,
        });
        return undefined;
      }
      throw error;
    });
    if (!prepared) return false;
    prepared.write();
    const now = Timestamp.now();
    markSettled(transaction, session, now);
    return true;
  });
}

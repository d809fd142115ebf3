import { AggregateField, type Timestamp, type Transaction } from "firebase-admin/firestore";
import { z } from "zod";
import { sessionRef, sessions } from "./repo.js";
import { revised, type Session } from "./schemas.js";

/**
 * What other capabilities may ask of sessions: whether an agent is in use, what a player holds in escrow.
 * Sessions are written by nothing else.
 */

/** Session statuses that hold an agent: a hire waiting to start, or one running. */
const activeSessionStatuses = ["active", "pending"];

/** Hires whose escrow still holds DOF: running, or ended and waiting for settlement. */
const unsettledStatuses = ["pending", "active", "ended"];

/** How many sessions of the agent are pending or running, counted inside the caller's transaction. */
export async function countActiveSessionsOfAgent(transaction: Transaction, agentId: string): Promise<number> {
  const active = sessions().where("agentId", "==", agentId).where("status", "in", activeSessionStatuses);
  return (await transaction.get(active.count())).data().count;
}

const EscrowSum = z.object({ escrowDof: z.number().nonnegative() });

/**
 * The DOF a player's unsettled hires hold in escrow, summed by one aggregation rather than kept on a document
 * that every hire and settlement would have to write.
 */
export async function escrowHeldBy(uid: string): Promise<number> {
  const unsettled = sessions()
    .where("hirerUid", "==", uid)
    .where("status", "in", unsettledStatuses)
    .aggregate({ escrowDof: AggregateField.sum("escrowDof") });
  return Math.round(EscrowSum.parse((await unsettled.get()).data()).escrowDof);
}

/** Marks an ended session paid out (settlement's last step), in the transaction that paid it. */
export function markSettled(transaction: Transaction, session: Session, now: Timestamp): void {
  transaction.set(
    sessionRef(session.sessionId),
    revised(session, { status: "settled", settledAt: now }, now),
  );
}

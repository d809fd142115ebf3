import { FieldValue, Timestamp } from "firebase-admin/firestore";
import { z } from "zod";
import { Collections } from "../common/collections.js";
import { converterFor } from "../common/converter.js";
import { AppError } from "../common/errors.js";
import { db } from "../common/firebase.js";
import { fingerprint, replayOf } from "../ledger/commands.js";
import { addUsage, consumedDof } from "./metering.js";
import { sessionRef } from "./repo.js";
import type { UsageBody } from "./requests.js";
import { ended, revised, type Session } from "./schemas.js";

/** `sessions/{sessionId}/usage/{eventId}`: one applied usage report, kept to recognise its repeats. */
const UsageRecord = z.object({ eventId: z.string(), requestHash: z.string(), appliedAt: z.unknown() });
const usageConverter = converterFor(UsageRecord);

function usageRef(sessionId: string, eventId: string) {
  return sessionRef(sessionId)
    .collection(Collections.sessionUsage)
    .doc(eventId)
    .withConverter(usageConverter);
}

export function sessionNotFound(sessionId: string): AppError {
  return new AppError("notFound", "No such session.", { sessionId });
}

/**
 * Applies one usage report from the agent's runtime (its owner's API key): adds the minutes, meters the DOF
 * consumed, and ends the session when the escrow is used up or its time is over. Each report id is applied
 * once; a repeat answers the session as it is, a different report under the same id is a conflict.
 */
export async function recordUsage(
  ownerUid: string,
  sessionId: string,
  report: UsageBody,
): Promise<{ session: Session; applied: boolean }> {
  const requestHash = fingerprint(["usage", report.activeMinutes, report.featureMinutes]);
  return db().runTransaction(async (transaction) => {
    const session = (await transaction.get(sessionRef(sessionId))).data();
    if (!session || session.ownerUid !== ownerUid) throw sessionNotFound(sessionId);
    const applied = (await transaction.get(usageRef(sessionId, report.eventId))).data();
    if (replayOf(applied, requestHash, { commandId: report.eventId, command: "usage report" }))
      return { session, applied: false };
    if (session.status !== "active")
      throw new AppError("failedPrecondition", "This session has ended; it takes no more usage.", {
        sessionId,
        status: session.status,
      });
    const now = Timestamp.now();
    const usage = addUsage(session.usage, report);
    const consumed = consumedDof(usage, session.hourlyDof, session.escrowDof);
    const exhausted = session.kind === "hired" && consumed >= session.escrowDof;
    const expired = now.toMillis() >= session.expiresAt.toMillis();
    const metered = { ...session, usage, consumedDof: consumed };
    const next =
      exhausted || expired
        ? ended(metered, exhausted ? "escrow_exhausted" : "expired", now)
        : revised(metered, {}, now);
    transaction.set(sessionRef(sessionId), next);
    transaction.create(usageRef(sessionId, report.eventId).withConverter(null), {
      eventId: report.eventId,
      requestHash,
      appliedAt: FieldValue.serverTimestamp(),
    });
    return { session: next, applied: true };
  });
}

import { Timestamp } from "firebase-admin/firestore";
import { AppError } from "../common/errors.js";
import { db } from "../common/firebase.js";
import { sessionRef } from "./repo.js";
import { type EndReason, ended, revised, type Session } from "./schemas.js";
import { sessionNotFound } from "./usage.js";

/** Who may see and end a session: the person running it and the agent's owner. */
export function takesPartIn(session: Session, uid: string): boolean {
  return session.hirerUid === uid || session.ownerUid === uid;
}

/**
 * Ends a running session now; settlement (scheduled) then pays out what was consumed and returns the rest.
 * Ending one that has already ended answers it unchanged, so a retried request is harmless.
 */
export async function endSession(uid: string, sessionId: string): Promise<Session> {
  return db().runTransaction(async (transaction) => {
    const session = (await transaction.get(sessionRef(sessionId))).data();
    if (!session || !takesPartIn(session, uid)) throw sessionNotFound(sessionId);
    if (session.status !== "active" && session.status !== "pending") return session;
    const reason: EndReason = uid === session.hirerUid ? "ended_by_hirer" : "ended_by_owner";
    const next = ended(session, reason, Timestamp.now());
    transaction.set(sessionRef(sessionId), next);
    return next;
  });
}

/** Ends a session whose time is over, if it is still running (the scheduled settlement's first step). */
export async function endIfExpired(sessionId: string, now = Timestamp.now()): Promise<boolean> {
  return db().runTransaction(async (transaction) => {
    const session = (await transaction.get(sessionRef(sessionId))).data();
    if (session?.status !== "active" || session.expiresAt.toMillis() > now.toMillis()) return false;
    transaction.set(sessionRef(sessionId), ended(session, "expired", now));
    return true;
  });
}

/** Changes what the hirer asks of a running session. */
export async function reconfigureSession(
  uid: string,
  sessionId: string,
  configuration: Session["configuration"],
): Promise<Session> {
  return db().runTransaction(async (transaction) => {
    const session = (await transaction.get(sessionRef(sessionId))).data();
    if (!session || !takesPartIn(session, uid)) throw sessionNotFound(sessionId);
    if (session.hirerUid !== uid)
      throw new AppError("permissionDenied", "Only the person running the session may change it.", {
        sessionId,
      });
    if (session.status !== "active")
      throw new AppError("failedPrecondition", "This session has ended.", {
        sessionId,
        status: session.status,
      });
    const next = revised(session, { configuration }, Timestamp.now());
    transaction.set(sessionRef(sessionId), next);
    return next;
  });
}

import { Timestamp, type Transaction } from "firebase-admin/firestore";
import { agentRef } from "../agents/repo.js";
import type { Agent } from "../agents/schemas.js";
import { agentNotFound } from "../agents/service.js";
import { AppError } from "../common/errors.js";
import { db } from "../common/firebase.js";
import { listingRef } from "../marketplace/repo.js";
import { noUsage } from "./metering.js";
import { ownedSessionMs, trialMs } from "./periods.js";
import { sessionRef } from "./repo.js";
import { fingerprint, type StartSessionBody, sessionIdFor, trialSessionId } from "./requests.js";
import type { Session, SessionKind } from "./schemas.js";

interface FreeSession {
  kind: Exclude<SessionKind, "hired">;
  sessionId: string;
  agent: Agent;
  listingId: string;
  hirerUid: string;
  lengthMs: number;
}

function freeSession(spec: FreeSession, body: StartSessionBody, requestHash: string): Session {
  const now = Timestamp.now();
  return {
    sessionId: spec.sessionId,
    kind: spec.kind,
    listingId: spec.listingId,
    agentId: spec.agent.agentId,
    ownerUid: spec.agent.ownerUid,
    creatorUid: spec.agent.creatorUid ?? spec.agent.ownerUid,
    hirerUid: spec.hirerUid,
    duration: null,
    quantity: 1,
    configuration: body.configuration,
    hourlyDof: 0,
    escrowDof: 0,
    consumedDof: 0,
    usage: noUsage,
    status: "active",
    endReason: null,
    startedAt: now,
    expiresAt: Timestamp.fromMillis(now.toMillis() + spec.lengthMs),
    endedAt: null,
    settledAt: null,
    requestHash,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

async function planOwned(transaction: Transaction, uid: string, body: StartSessionBody & { kind: "owned" }) {
  const agent = (await transaction.get(agentRef(body.agentId))).data();
  if (!agent || agent.ownerUid !== uid) throw agentNotFound(body.agentId);
  const sessionId = sessionIdFor("owned", uid, body.idempotencyKey);
  return {
    kind: "owned",
    sessionId,
    agent,
    listingId: agent.agentId,
    hirerUid: uid,
    lengthMs: ownedSessionMs,
  } as const;
}

async function planTrial(transaction: Transaction, uid: string, body: StartSessionBody & { kind: "trial" }) {
  const listing = (await transaction.get(listingRef(body.listingId))).data();
  if (listing?.status !== "active")
    throw new AppError("notFound", "No such listing.", { listingId: body.listingId });
  if (listing.ownerUid === uid)
    throw new AppError("failedPrecondition", "This is your own agent: start an owned session instead.", {
      listingId: body.listingId,
    });
  const agent = (await transaction.get(agentRef(listing.agentId))).data();
  if (!agent) throw new AppError("notFound", "No such listing.", { listingId: body.listingId });
  const sessionId = trialSessionId(uid, body.listingId);
  return {
    kind: "trial",
    sessionId,
    agent,
    listingId: body.listingId,
    hirerUid: uid,
    lengthMs: trialMs,
  } as const;
}

/**
 * Starts a free session: `owned` (the owner running their own agent) or `trial` (one short free try per
 * user and listing, whose id is fixed by the pair, so a second trial is refused atomically). Retries with
 * the same key answer the same session.
 */
export async function startFreeSession(
  uid: string,
  body: StartSessionBody,
): Promise<{ session: Session; created: boolean }> {
  const requestHash = fingerprint([body, uid]);
  return db().runTransaction(async (transaction) => {
    const spec =
      body.kind === "owned"
        ? await planOwned(transaction, uid, body)
        : await planTrial(transaction, uid, body);
    const existing = (await transaction.get(sessionRef(spec.sessionId))).data();
    if (existing) {
      if (existing.requestHash === requestHash) return { session: existing, created: false };
      throw body.kind === "trial"
        ? new AppError("conflict", "You have already had your free trial of this listing.", {
            listingId: body.listingId,
            sessionId: spec.sessionId,
          })
        : new AppError("conflict", "This idempotency key was already used for a different session.", {
            sessionId: spec.sessionId,
          });
    }
    const session = freeSession(spec, body, requestHash);
    transaction.create(sessionRef(spec.sessionId), session);
    return { session, created: true };
  });
}

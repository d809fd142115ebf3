import { Timestamp, type Transaction } from "firebase-admin/firestore";
import { agentRef } from "../agents/repo.js";
import type { Agent } from "../agents/schemas.js";
import { agentNotFound } from "../agents/service.js";
import { AppError } from "../common/errors.js";
import { db } from "../common/firebase.js";
import { commandId, fingerprint, replayOf } from "../ledger/commands.js";
import { listingRef } from "../marketplace/repo.js";
import { ownedSessionMs, trialMs } from "./periods.js";
import { sessionRef } from "./repo.js";
import type { StartSessionBody } from "./requests.js";
import { newSession, type Session, type SessionKind } from "./schemas.js";

interface FreeSession {
  kind: Exclude<SessionKind, "hired">;
  sessionId: string;
  agent: Agent;
  listingId: string;
  hirerUid: string;
  lengthMs: number;
}

function freeSession(spec: FreeSession, body: StartSessionBody, requestHash: string): Session {
  return newSession(
    {
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
      requestHash,
      lengthMs: spec.lengthMs,
    },
    Timestamp.now(),
  );
}

async function planOwned(transaction: Transaction, uid: string, body: StartSessionBody & { kind: "owned" }) {
  const agent = (await transaction.get(agentRef(body.agentId))).data();
  if (!agent || agent.ownerUid !== uid) throw agentNotFound(body.agentId);
  const sessionId = commandId("owned", uid, body.idempotencyKey);
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
  // The one trial a user may have of a listing: its id is fixed by the pair, not by the key.
  const sessionId = commandId("trial", uid, body.listingId);
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
  const requestHash = fingerprint(["start", body, uid]);
  return db().runTransaction(async (transaction) => {
    const spec =
      body.kind === "owned"
        ? await planOwned(transaction, uid, body)
        : await planTrial(transaction, uid, body);
    const existing = (await transaction.get(sessionRef(spec.sessionId))).data();
    if (body.kind === "trial" && existing && existing.requestHash !== requestHash)
      throw new AppError("conflict", "You have already had your free trial of this listing.", {
        listingId: body.listingId,
        sessionId: spec.sessionId,
      });
    if (replayOf(existing, requestHash, { commandId: spec.sessionId, command: "session" }))
      return { session: existing, created: false };
    const session = freeSession(spec, body, requestHash);
    transaction.create(sessionRef(spec.sessionId), session);
    return { session, created: true };
  });
}

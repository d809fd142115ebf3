import { randomUUID } from "node:crypto";
import { Timestamp } from "firebase-admin/firestore";
import { Collections } from "../common/collections.js";
import { Session, type SessionKind, type SessionStatus } from "../sessions/schemas.js";
import { admin } from "./stack.js";

export interface HireSpec {
  hirerUid: string;
  listingId: string;
  /** The listing's agent; listings are keyed by agent id, so it defaults to the listing id. */
  agentId?: string;
  ownerUid: string;
  kind?: SessionKind;
  status?: SessionStatus;
  activeMinutes?: number;
  hourlyDof?: number;
}

/**
 * Writes a schema-valid session straight to Firestore (no ledger movement: the escrow is not funded), for
 * tests of what comes after a hire, such as reviews. By default an hourly hire of one hour that ended
 * after `activeMinutes` (60) of use, with the DOF those minutes cost consumed. Returns its id.
 */
export async function createEndedHire(spec: HireSpec): Promise<string> {
  const sessionId = `session-${randomUUID()}`;
  const kind = spec.kind ?? "hired";
  const status = spec.status ?? "ended";
  const activeMinutes = spec.activeMinutes ?? 60;
  const hourlyDof = kind === "hired" ? (spec.hourlyDof ?? 500) : 0;
  const escrowDof = hourlyDof;
  const consumedDof = Math.min(escrowDof, Math.ceil((activeMinutes * hourlyDof) / 60));
  const startedAt = Timestamp.fromMillis(Date.now() - (activeMinutes + 1) * 60_000);
  const over = status === "ended" || status === "settled";
  const now = Timestamp.now();
  const session = Session.parse({
    sessionId,
    kind,
    listingId: spec.listingId,
    agentId: spec.agentId ?? spec.listingId,
    ownerUid: spec.ownerUid,
    creatorUid: spec.ownerUid,
    hirerUid: kind === "owned" ? spec.ownerUid : spec.hirerUid,
    duration: kind === "hired" ? "hourly" : null,
    quantity: 1,
    configuration: { game: "valorant", language: "en", notes: "" },
    hourlyDof,
    escrowDof,
    consumedDof,
    usage: { activeMinutes, featureMinutes: {}, reports: activeMinutes > 0 ? 1 : 0 },
    status,
    endReason: over ? "ended_by_hirer" : null,
    startedAt,
    expiresAt: Timestamp.fromMillis(startedAt.toMillis() + 3_600_000),
    endedAt: over ? now : null,
    settledAt: status === "settled" ? now : null,
    requestHash: "fixture",
    version: 1,
    createdAt: startedAt,
    updatedAt: now,
  });
  await admin.db().collection(Collections.sessions).doc(sessionId).set(session);
  return sessionId;
}

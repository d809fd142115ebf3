import { Timestamp } from "firebase-admin/firestore";
import { z } from "zod";
import { noUsage } from "./metering.js";

/** `hired`: paid from escrow; `owned`: the owner running their own agent, free; `trial`: free, short, once. */
export const SessionKind = z.enum(["hired", "owned", "trial"]);
export type SessionKind = z.infer<typeof SessionKind>;

export const HireDuration = z.enum(["hourly", "daily", "weekly"]);
export type HireDuration = z.infer<typeof HireDuration>;

/**
 * `active` meters usage; `ended` waits for settlement (the escrow still holds the DOF); `settled` has paid
 * out and returned the rest. `pending` is kept for hires scheduled to start later.
 */
export const SessionStatus = z.enum(["pending", "active", "ended", "settled"]);
export type SessionStatus = z.infer<typeof SessionStatus>;

export const EndReason = z.enum(["expired", "ended_by_hirer", "ended_by_owner", "escrow_exhausted"]);
export type EndReason = z.infer<typeof EndReason>;

/** Features the runtime reports minutes of, each priced on top of the base rate (see metering.ts). */
export const PricedFeature = z.enum(["voice_chat", "high_speed_vision", "commentator"]);
export type PricedFeature = z.infer<typeof PricedFeature>;

/** What the hirer asks of the agent for this session; free-form beyond the game it plays. */
export const SessionConfiguration = z.strictObject({
  game: z.string().min(1).max(40).nullable().default(null),
  language: z.string().min(2).max(10).nullable().default(null),
  notes: z.string().max(500).default(""),
});
export type SessionConfiguration = z.infer<typeof SessionConfiguration>;

export const SessionUsage = z.object({
  activeMinutes: z.number().int().nonnegative(),
  featureMinutes: z.partialRecord(PricedFeature, z.number().int().nonnegative()),
  /** Usage reports applied; each report's id is kept under `sessions/{id}/usage/{eventId}`. */
  reports: z.number().int().nonnegative(),
});
export type SessionUsage = z.infer<typeof SessionUsage>;

/**
 * `sessions/{sessionId}`: one hire (or owned or trial run) of an agent. The escrow account
 * `escrow:{sessionId}` holds `escrowDof` until settlement; `consumedDof` of it is owed to the owner, creator
 * and platform, the rest goes back to the hirer. `version` grows with every change, so live copies (RTDB)
 * can refuse to go back in time.
 */
export const Session = z.object({
  sessionId: z.string().min(1),
  kind: SessionKind,
  listingId: z.string().min(1),
  agentId: z.string().min(1),
  ownerUid: z.string().min(1),
  creatorUid: z.string().min(1),
  /** Whoever runs the session: the hirer, or the owner for an owned session. */
  hirerUid: z.string().min(1),
  duration: HireDuration.nullable(),
  quantity: z.number().int().positive(),
  configuration: SessionConfiguration,
  /** The agent's prices when hired: metering uses these, not later changes. */
  hourlyDof: z.number().int().nonnegative(),
  escrowDof: z.number().int().nonnegative(),
  consumedDof: z.number().int().nonnegative(),
  usage: SessionUsage,
  status: SessionStatus,
  endReason: EndReason.nullable(),
  startedAt: z.instanceof(Timestamp),
  expiresAt: z.instanceof(Timestamp),
  endedAt: z.instanceof(Timestamp).nullable(),
  settledAt: z.instanceof(Timestamp).nullable(),
  /** The request fingerprint of the hire, for idempotent retries. */
  requestHash: z.string(),
  version: z.number().int().positive(),
  createdAt: z.instanceof(Timestamp),
  updatedAt: z.instanceof(Timestamp),
});
export type Session = z.infer<typeof Session>;

/** What a new session is made of; everything else starts where every session starts. */
export type NewSession = Pick<
  Session,
  | "sessionId"
  | "kind"
  | "listingId"
  | "agentId"
  | "ownerUid"
  | "creatorUid"
  | "hirerUid"
  | "duration"
  | "quantity"
  | "configuration"
  | "hourlyDof"
  | "escrowDof"
  | "requestHash"
> & { lengthMs: number };

/** The one constructor of a session: running from `now` for `lengthMs`, nothing used yet. */
export function newSession({ lengthMs, ...fields }: NewSession, now: Timestamp): Session {
  return {
    ...fields,
    consumedDof: 0,
    usage: noUsage,
    status: "active",
    endReason: null,
    startedAt: now,
    expiresAt: Timestamp.fromMillis(now.toMillis() + lengthMs),
    endedAt: null,
    settledAt: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

/** Hours of use, as reviews and experience count them: active minutes over 60, to two decimals. */
export function hoursUsed(session: Pick<Session, "usage">): number {
  return Math.round((session.usage.activeMinutes / 60) * 100) / 100;
}

/**
 * The session after a change. Every change bumps `version` and `updatedAt` together: the live copy in the
 * Realtime Database only moves to a higher version, so a change that forgot the bump would never show.
 */
export function revised(session: Session, change: Partial<Session>, now: Timestamp): Session {
  return { ...session, ...change, version: session.version + 1, updatedAt: now };
}

/** The session ended now, for `reason`. */
export function ended(session: Session, reason: EndReason, now: Timestamp): Session {
  return revised(session, { status: "ended", endReason: reason, endedAt: now }, now);
}

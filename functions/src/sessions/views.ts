import { z } from "zod";
import {
  EndReason,
  HireDuration,
  hoursUsed,
  PricedFeature,
  type Session,
  SessionConfiguration,
  SessionKind,
  SessionStatus,
} from "./schemas.js";

export const SessionView = z.object({
  sessionId: z.string(),
  kind: SessionKind,
  listingId: z.string(),
  agentId: z.string(),
  ownerUid: z.string(),
  hirerUid: z.string(),
  duration: HireDuration.nullable(),
  quantity: z.number().int(),
  configuration: SessionConfiguration,
  status: SessionStatus,
  endReason: EndReason.nullable(),
  escrowDof: z.number().int(),
  consumedDof: z.number().int(),
  remainingDof: z.number().int(),
  activeMinutes: z.number().int(),
  featureMinutes: z.partialRecord(PricedFeature, z.number().int()),
  hoursUsed: z.number(),
  startedAt: z.string(),
  expiresAt: z.string(),
  endedAt: z.string().nullable(),
  settledAt: z.string().nullable(),
  /** The Realtime Database path with the live `{consumedDof, remainingDof, status}`. */
  livePath: z.string(),
});
export type SessionView = z.infer<typeof SessionView>;

/** Where clients listen for a session's live meter (see live.ts). */
export function livePath(sessionId: string): string {
  return `liveSessions/${sessionId}`;
}

export function sessionView(session: Session): SessionView {
  return {
    sessionId: session.sessionId,
    kind: session.kind,
    listingId: session.listingId,
    agentId: session.agentId,
    ownerUid: session.ownerUid,
    hirerUid: session.hirerUid,
    duration: session.duration,
    quantity: session.quantity,
    configuration: session.configuration,
    status: session.status,
    endReason: session.endReason,
    escrowDof: session.escrowDof,
    consumedDof: session.consumedDof,
    remainingDof: session.escrowDof - session.consumedDof,
    activeMinutes: session.usage.activeMinutes,
    featureMinutes: session.usage.featureMinutes,
    hoursUsed: hoursUsed(session),
    startedAt: session.startedAt.toDate().toISOString(),
    expiresAt: session.expiresAt.toDate().toISOString(),
    endedAt: session.endedAt?.toDate().toISOString() ?? null,
    settledAt: session.settledAt?.toDate().toISOString() ?? null,
    livePath: livePath(session.sessionId),
  };
}

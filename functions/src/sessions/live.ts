import { rtdb } from "../common/firebase.js";
import { type FeedEvent, type FeedEventType, publishEvents } from "../events/feed.js";
import type { Session } from "./schemas.js";
import { livePath } from "./views.js";

/** What clients see at `liveSessions/{sessionId}`; the hirer and owner uids let the rules admit just them. */
function liveState(session: Session) {
  return {
    hirerUid: session.hirerUid,
    ownerUid: session.ownerUid,
    consumedDof: session.consumedDof,
    remainingDof: session.escrowDof - session.consumedDof,
    status: session.status,
    version: session.version,
    updatedAtMs: session.updatedAt.toMillis(),
  };
}

/**
 * Moves the live copy forward to this version of the session, never back: triggers may run late or twice,
 * and an older change arriving after a newer one leaves the newer one in place.
 */
export async function writeLiveState(session: Session): Promise<void> {
  const next = liveState(session);
  await rtdb()
    .ref(livePath(session.sessionId))
    .transaction((current: { version?: number } | null) =>
      current && (current.version ?? 0) >= next.version ? undefined : next,
    );
}

/** The feed events a change of a session means, for whom. */
export function eventsFor(
  before: Session | undefined,
  after: Session,
): Array<{ uid: string; event: FeedEvent }> {
  const deliveries: Array<{ uid: string; event: FeedEvent }> = [];
  const both = [...new Set([after.hirerUid, after.ownerUid])];
  const meter = {
    sessionId: after.sessionId,
    consumedDof: after.consumedDof,
    remainingDof: after.escrowDof - after.consumedDof,
    status: after.status,
  };
  const add = (type: FeedEventType, uids: string[], data: FeedEvent["data"]) => {
    const event = {
      type,
      causeId: `${after.sessionId}:${after.version}:${type}`,
      occurredAtMs: after.updatedAt.toMillis(),
      data,
    };
    for (const uid of uids) deliveries.push({ uid, event });
  };
  if (!before) {
    add("session.started", [after.hirerUid], { ...meter, agentId: after.agentId, kind: after.kind });
    if (after.kind !== "owned")
      add("agent.hired", [after.ownerUid], {
        sessionId: after.sessionId,
        agentId: after.agentId,
        hirerUid: after.hirerUid,
        kind: after.kind,
        escrowDof: after.escrowDof,
      });
  } else if (after.consumedDof !== before.consumedDof) add("session.dof_update", both, meter);
  if (after.status === "ended" && before?.status !== "ended")
    add("session.ended", both, { ...meter, endReason: after.endReason });
  if (after.status === "settled" && before?.status !== "settled") add("session.settled", both, meter);
  return deliveries;
}

/** Mirrors a session change to the Realtime Database: the live meter, and events in both people's feeds. */
export async function publishSessionChange(
  before: Session | undefined,
  after: Session | undefined,
): Promise<void> {
  if (!after) return;
  await Promise.all([writeLiveState(after), publishEvents(eventsFor(before, after))]);
}

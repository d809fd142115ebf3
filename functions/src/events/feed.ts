import { createHash } from "node:crypto";
import { rtdb } from "../common/firebase.js";

/** Everything a client can find in its feed; the `data` of each is documented where it is published. */
export type FeedEventType =
  | "agent.hired"
  | "session.started"
  | "session.dof_update"
  | "session.ended"
  | "session.settled"
  | "transaction.completed"
  | "transaction.reversed"
  | "marketplace.new_review"
  | "marketplace.rating_updated";

export interface FeedEvent {
  type: FeedEventType;
  /** What caused it, unique per event: a redelivered trigger or webhook publishes the same event again. */
  causeId: string;
  /** When it happened (the cause's time, not the time of publishing), in ms since the epoch. */
  occurredAtMs: number;
  data: Record<string, string | number | boolean | null>;
}

/** Realtime Database path of a user's feed: `events/{uid}/{key}`; only that user may read it. */
export function feedPath(uid: string): string {
  return `events/${uid}`;
}

/**
 * The key sorts by time (clients page with orderByKey) and is fixed by the cause, so publishing the same
 * event twice writes the same child once.
 */
export function feedKey(event: Pick<FeedEvent, "causeId" | "occurredAtMs">): string {
  const cause = createHash("sha256").update(event.causeId).digest("base64url").slice(0, 16);
  return `${String(event.occurredAtMs).padStart(15, "0")}_${cause}`;
}

/** Publishes events to the feeds of `uids` in one multi-path update. */
export async function publishEvents(deliveries: Array<{ uid: string; event: FeedEvent }>): Promise<void> {
  if (deliveries.length === 0) return;
  const updates: Record<string, unknown> = {};
  for (const { uid, event } of deliveries)
    updates[`${feedPath(uid)}/${feedKey(event)}`] = {
      type: event.type,
      atMs: event.occurredAtMs,
      data: event.data,
    };
  await rtdb().ref().update(updates);
}

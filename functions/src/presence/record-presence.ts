import { db } from "../common/firebase.js";
import { profileRef } from "../users/repo.js";
import type { Presence } from "../users/schemas.js";

export type PresenceOutcome = "recorded" | "stale" | "no-profile";

/**
 * Copies a client's presence onto its profile. Events can arrive twice and out of order, so the copy only
 * ever moves forward in time: an event not newer than what the profile holds changes nothing.
 */
export function recordPresence(uid: string, presence: Presence): Promise<PresenceOutcome> {
  const ref = profileRef(uid);
  return db().runTransaction(async (transaction) => {
    const profile = (await transaction.get(ref)).data();
    if (!profile) return "no-profile";
    if (profile.presence && profile.presence.changedAtMs >= presence.changedAtMs) return "stale";
    transaction.set(ref, { ...profile, presence });
    return "recorded";
  });
}

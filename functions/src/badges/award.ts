import { Timestamp } from "firebase-admin/firestore";
import { Experience } from "../agents/schemas.js";
import { db } from "../common/firebase.js";
import { achievementById, newlyAchieved } from "./achievements.js";
import { badgeById, newlyEarned } from "./catalogue.js";
import { agentProgressRef, earnedBadgeRef } from "./repo.js";
import { type AgentExperience, measuredHours, noExperience } from "./requirements.js";
import { AgentProgress, type EarnedBadge } from "./schemas.js";

/** One write of `agents/{agentId}` as a trigger sees it: the document before and after, as plain data. */
export interface AgentWrite {
  agentId: string;
  before: unknown;
  after: unknown;
  /** When the write happened (the event's time): the award time, the same on every redelivery. */
  occurredAt: Date;
}

export type AwardOutcome =
  | { result: "awarded"; badges: string[]; achievements: string[] }
  | { result: "nothing-new" | "agent-deleted" | "malformed" };

function experienceOf(data: unknown): AgentExperience {
  if (typeof data !== "object" || data === null || !("experience" in data)) return noExperience;
  const parsed = Experience.safeParse(data.experience);
  return parsed.success ? parsed.data : noExperience;
}

/**
 * Awards the badges and achievements an agent write crosses into. Runs at least once per write and in any
 * order, so it is idempotent by construction:
 * - what is new comes from this event's own before and after, so an older event awards only what it crossed;
 * - badge documents have ids derived from agent and badge and are created only when absent;
 * - achievements are appended only when the agent does not have them yet, in the same transaction.
 * Writing achievements back onto the agent triggers this again with an unchanged experience: nothing new,
 * no transaction, no loop.
 */
export async function awardForAgentWrite(write: AgentWrite): Promise<AwardOutcome> {
  if (write.after === undefined || write.after === null) return { result: "agent-deleted" };
  // Only what the event must carry is checked here; the agent's achievements are read in the transaction.
  const after = AgentProgress.pick({ ownerUid: true, experience: true }).safeParse(write.after);
  if (!after.success) return { result: "malformed" };
  const before = experienceOf(write.before);
  const badgeIds = newlyEarned(before, after.data.experience);
  const achievementIds = newlyAchieved(before, after.data.experience);
  if (badgeIds.length === 0 && achievementIds.length === 0) return { result: "nothing-new" };

  const earnedAt = Timestamp.fromDate(write.occurredAt);
  const agentRef = agentProgressRef(write.agentId);
  const badgeRefs = badgeIds.map((badgeId) => earnedBadgeRef(write.agentId, badgeId));
  return db().runTransaction(async (transaction): Promise<AwardOutcome> => {
    const [agentSnapshot, badgeSnapshots] = await Promise.all([
      transaction.get(agentRef),
      badgeRefs.length > 0 ? transaction.getAll(...badgeRefs) : [],
    ]);
    const current = agentSnapshot.data();
    // An agent deleted since this write keeps no awards: there is no one left to show them on.
    if (!current) return { result: "agent-deleted" };

    const awardedBadges: string[] = [];
    badgeSnapshots.forEach((snapshot, index) => {
      const badge = badgeById(badgeIds[index] ?? "");
      if (!badge || snapshot.exists) return;
      const earned: EarnedBadge = {
        agentId: write.agentId,
        ownerUid: after.data.ownerUid,
        badgeId: badge.id,
        game: badge.game,
        earnedAt,
        hoursAtAward: measuredHours(badge.requirement, after.data.experience),
      };
      transaction.create(snapshot.ref, earned);
      awardedBadges.push(badge.id);
    });

    const held = new Set(current.achievements.map((achievement) => achievement.id));
    const added = achievementIds
      .filter((id) => !held.has(id))
      .map((id) => ({ id, title: achievementById(id)?.title ?? id, earnedAt }));
    if (added.length > 0) transaction.update(agentRef, { achievements: [...current.achievements, ...added] });

    if (awardedBadges.length === 0 && added.length === 0) return { result: "nothing-new" };
    return { result: "awarded", badges: awardedBadges, achievements: added.map(({ id }) => id) };
  });
}

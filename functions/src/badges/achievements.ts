import {
  type AgentExperience,
  describeRequirement,
  earnedIn,
  newlyIn,
  type Requirement,
} from "./requirements.js";

export type AchievementId =
  | "first-hour"
  | "ten-hours"
  | "hundred-hours"
  | "five-hundred-hours"
  | "thousand-hours"
  | "all-rounder";

export interface AchievementRule {
  id: AchievementId;
  title: string;
  description: string;
  requirement: Requirement;
}

const rule = (id: AchievementId, title: string, requirement: Requirement): AchievementRule => ({
  id,
  title,
  description: describeRequirement(requirement),
  requirement,
});

/**
 * Milestones of an agent's working life, kept on the agent itself (`achievements`), unlike badges, which
 * are documents of their own. They follow the same pure rules, so the same tests and trigger cover both.
 */
export const achievementCatalogue: readonly AchievementRule[] = [
  rule("first-hour", "First hour on the job", { kind: "totalHours", hours: 1 }),
  rule("ten-hours", "Ten hours in", { kind: "totalHours", hours: 10 }),
  rule("hundred-hours", "A hundred hours", { kind: "totalHours", hours: 100 }),
  rule("five-hundred-hours", "Five hundred hours", { kind: "totalHours", hours: 500 }),
  rule("thousand-hours", "A thousand hours", { kind: "totalHours", hours: 1000 }),
  rule("all-rounder", "All-rounder", { kind: "gamesWithHours", games: 5, hours: 1 }),
];

export function achievementsEarned(experience: AgentExperience): AchievementId[] {
  return earnedIn(achievementCatalogue, experience);
}

export function newlyAchieved(before: AgentExperience, after: AgentExperience): AchievementId[] {
  return newlyIn(achievementCatalogue, before, after);
}

const byId = new Map<string, AchievementRule>(achievementCatalogue.map((entry) => [entry.id, entry]));

export function achievementById(id: string): AchievementRule | undefined {
  return byId.get(id);
}

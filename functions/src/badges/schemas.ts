import { Timestamp } from "firebase-admin/firestore";
import { z } from "zod";
import { Achievement, Experience, Game } from "../agents/schemas.js";
import { PageQuery } from "../http/pagination.js";

/**
 * `earnedBadges/{agentId}_{badgeId}`: one document per badge an agent has earned. The id is derived from
 * its inputs, so awarding twice is a `create` that finds the document there. Never deleted or changed.
 */
export const EarnedBadge = z.object({
  agentId: z.string().min(1),
  ownerUid: z.string().min(1),
  badgeId: z.string().min(1),
  game: z.string().nullable(),
  /** The time of the agent write that crossed the threshold, not of the trigger run. */
  earnedAt: z.instanceof(Timestamp),
  hoursAtAward: z.number().nonnegative(),
});
export type EarnedBadge = z.infer<typeof EarnedBadge>;

/**
 * The part of an agent document awards depend on. Read-only: the agents capability owns the document, so
 * awards write back with `update` of `achievements` alone, never a `set` of this partial shape.
 */
export const AgentProgress = z.object({
  ownerUid: z.string().min(1),
  experience: Experience,
  achievements: z.array(Achievement).default([]),
});
export type AgentProgress = z.infer<typeof AgentProgress>;

const AgentId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, "Not an agent id.");

export const BadgesQuery = z.strictObject({ game: Game.optional() });

export const EarnedBadgesQuery = PageQuery.extend({ agentId: AgentId.optional() }).strict();

export const AchievementsQuery = z.strictObject({ agentId: AgentId.optional() });

const RequirementView = z.object({
  kind: z.enum(["gameHours", "totalHours", "gamesWithHours"]),
  hours: z.number(),
  game: z.string().optional(),
  games: z.number().optional(),
});

export const BadgeView = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  game: z.string().nullable(),
  tier: z.string(),
  requirement: RequirementView,
});

export const EarnedBadgeView = z.object({
  agentId: z.string(),
  badgeId: z.string(),
  title: z.string(),
  game: z.string().nullable(),
  earnedAt: z.string(),
  hoursAtAward: z.number(),
});
export type EarnedBadgeView = z.infer<typeof EarnedBadgeView>;

export const AchievementView = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  requirement: RequirementView,
  /** The caller's agents that have it (only the one asked about with `?agentId=`), earliest first. */
  earnedBy: z.array(z.object({ agentId: z.string(), earnedAt: z.string() })),
});
export type AchievementView = z.infer<typeof AchievementView>;

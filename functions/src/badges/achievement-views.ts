import { achievementCatalogue } from "./achievements.js";
import type { AchievementView, AgentProgress } from "./schemas.js";

type AgentAchievements = Pick<AgentProgress, "achievements"> & { agentId: string };

/**
 * `GET /achievements` answers with the whole catalogue rather than only what was earned, so a client can show
 * locked milestones next to earned ones; `earnedBy` lists the caller's agents that hold each one, earliest
 * first. Achievements an agent holds that the catalogue no longer lists are left out.
 */
export function achievementViews(agents: AgentAchievements[]): AchievementView[] {
  return achievementCatalogue.map((entry) => ({
    id: entry.id,
    title: entry.title,
    description: entry.description,
    requirement: entry.requirement,
    earnedBy: agents
      .flatMap(({ agentId, achievements }) =>
        achievements
          .filter((achievement) => achievement.id === entry.id)
          .slice(0, 1)
          .map((achievement) => ({ agentId, earnedAt: achievement.earnedAt })),
      )
      .sort((a, b) => a.earnedAt.toMillis() - b.earnedAt.toMillis() || a.agentId.localeCompare(b.agentId))
      .map(({ agentId, earnedAt }) => ({ agentId, earnedAt: earnedAt.toDate().toISOString() })),
  }));
}

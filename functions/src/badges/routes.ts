import { z } from "zod";
import { AppError } from "../common/errors.js";
import { ApiRouter } from "../http/api-router.js";
import { pageOf, paginate } from "../http/pagination.js";
import { achievementViews } from "./achievement-views.js";
import { badgeById, badgeCatalogue } from "./catalogue.js";
import { agentProgressRef, agentsProgressOf, earnedBadges } from "./repo.js";
import {
  AchievementsQuery,
  AchievementView,
  type AgentProgress,
  BadgesQuery,
  BadgeView,
  type EarnedBadge,
  EarnedBadgesQuery,
  EarnedBadgeView,
} from "./schemas.js";

function earnedBadgeView(earned: EarnedBadge): EarnedBadgeView {
  return {
    agentId: earned.agentId,
    badgeId: earned.badgeId,
    title: badgeById(earned.badgeId)?.title ?? earned.badgeId,
    game: earned.game,
    earnedAt: earned.earnedAt.toDate().toISOString(),
    hoursAtAward: earned.hoursAtAward,
  };
}

/** The caller's agent, or notFound for a missing agent and someone else's alike, so ids cannot be probed. */
async function ownAgent(agentId: string, uid: string): Promise<AgentProgress> {
  const agent = (await agentProgressRef(agentId).get()).data();
  if (!agent || agent.ownerUid !== uid) throw new AppError("notFound", "No such agent.");
  return agent;
}

/** The badge catalogue for everyone; what the caller's agents earned for their owner. */
export const badgeRoutes = new ApiRouter()
  .route(
    "get",
    "/badges",
    {
      summary: "Every badge an agent can earn, optionally for one game",
      access: "public",
      scope: "marketplace:read",
      query: BadgesQuery,
      response: z.object({ items: z.array(BadgeView) }),
    },
    async ({ query }) => ({
      items: badgeCatalogue.filter((badge) => query.game === undefined || badge.game === query.game),
    }),
  )
  .route(
    "get",
    "/badges/earned",
    {
      summary: "Badges earned by the caller's agents, newest first; `agentId` narrows to one agent",
      access: "user",
      scope: "agents:read",
      query: EarnedBadgesQuery,
      response: pageOf(EarnedBadgeView),
    },
    async ({ query, caller }) => {
      let earned = earnedBadges().where("ownerUid", "==", caller.uid);
      if (query.agentId !== undefined) {
        await ownAgent(query.agentId, caller.uid);
        earned = earned.where("agentId", "==", query.agentId);
      }
      const page = await paginate(earned, [{ field: "earnedAt", direction: "desc" }], query);
      return { items: page.items.map(earnedBadgeView), nextCursor: page.nextCursor };
    },
  )
  .route(
    "get",
    "/achievements",
    {
      summary: "The achievement catalogue, each with which of the caller's agents earned it and when",
      access: "user",
      scope: "agents:read",
      query: AchievementsQuery,
      response: z.object({ items: z.array(AchievementView) }),
    },
    async ({ query, caller }) => {
      if (query.agentId !== undefined) {
        const agent = await ownAgent(query.agentId, caller.uid);
        return { items: achievementViews([{ agentId: query.agentId, ...agent }]) };
      }
      const snapshot = await agentsProgressOf(caller.uid).get();
      return { items: achievementViews(snapshot.docs.map((doc) => ({ agentId: doc.id, ...doc.data() }))) };
    },
  )
  .finish();

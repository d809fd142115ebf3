import { games } from "../agents/catalogue.js";
import {
  type AgentExperience,
  describeRequirement,
  earnedIn,
  type Game,
  gameTitle,
  newlyIn,
  type Requirement,
} from "./requirements.js";

const gameTiers = [
  { tier: "rookie", title: "Rookie", hours: 10 },
  { tier: "veteran", title: "Veteran", hours: 100 },
  { tier: "legend", title: "Legend", hours: 500 },
] as const;
type GameTier = (typeof gameTiers)[number]["tier"];

export type BadgeId = `${Game}-${GameTier}` | "polyglot-coach" | "marathon";

export interface Badge {
  id: BadgeId;
  title: string;
  description: string;
  /** The game the badge is for; null for badges earned across games. */
  game: Game | null;
  tier: GameTier | "cross-game";
  requirement: Requirement;
}

const perGame: Badge[] = games.flatMap((game) =>
  gameTiers.map(({ tier, title, hours }): Badge => {
    const requirement: Requirement = { kind: "gameHours", game, hours };
    return {
      id: `${game}-${tier}`,
      title: `${gameTitle(game)} ${title}`,
      description: describeRequirement(requirement),
      game,
      tier,
      requirement,
    };
  }),
);

const crossGame: Badge[] = [
  {
    id: "polyglot-coach",
    title: "Polyglot Coach",
    description: describeRequirement({ kind: "gamesWithHours", games: 3, hours: 10 }),
    game: null,
    tier: "cross-game",
    requirement: { kind: "gamesWithHours", games: 3, hours: 10 },
  },
  {
    id: "marathon",
    title: "Marathon",
    description: describeRequirement({ kind: "totalHours", hours: 1000 }),
    game: null,
    tier: "cross-game",
    requirement: { kind: "totalHours", hours: 1000 },
  },
];

/**
 * Every badge an agent can earn: three tiers per catalogue game, so a game added to agents/catalogue.ts
 * gets its badges with no change here, and the cross-game ones. Badge ids are stored in earned-badge
 * documents: rename one only with a migration.
 */
export const badgeCatalogue: readonly Badge[] = [...perGame, ...crossGame];

const byId = new Map<string, Badge>(badgeCatalogue.map((badge) => [badge.id, badge]));

export function badgeById(id: string): Badge | undefined {
  return byId.get(id);
}

/** The badges this experience qualifies for, in catalogue order. */
export function badgesEarned(experience: AgentExperience): BadgeId[] {
  return earnedIn(badgeCatalogue, experience);
}

/** The badges a change of experience crosses into; never the ones it drops below. */
export function newlyEarned(before: AgentExperience, after: AgentExperience): BadgeId[] {
  return newlyIn(badgeCatalogue, before, after);
}

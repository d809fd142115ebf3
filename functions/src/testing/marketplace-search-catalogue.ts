import type { ListingStats } from "../marketplace/schemas.js";
import type { AgentSpec, ListingText } from "./marketplace-fixtures.js";

/** One listing of the search tests: its agent, its text and its statistics. */
export interface SearchFixture {
  agent: AgentSpec;
  text: ListingText;
  stats: Partial<ListingStats>;
}

// Published in this order, so "newest" is the reverse. Prices are hourly / daily / weekly DOF.
export const searchCatalogue: Record<string, SearchFixture> = {
  aimCoach: {
    agent: {
      type: "Mentor",
      rank: "Gold",
      games: ["valorant"],
      languages: ["pt", "en"],
      nationality: "BR",
      voiceChat: true,
      pricing: { hourlyDof: 500, dailyDof: 5_000, weeklyDof: 25_000 },
    },
    text: {
      title: "Valorant aim coach",
      description: "Crosshair drills with a patient companion.",
      tags: ["aim", "fps"],
      categories: ["coaching"],
    },
    stats: { rating: 4.8, ratingCount: 40, recentHires: 12 },
  },
  dotaDrafts: {
    agent: {
      type: "Specialist",
      rank: "Platinum",
      games: ["dota-2"],
      languages: ["pt"],
      nationality: "BR",
      voiceChat: false,
      pricing: { hourlyDof: 800, dailyDof: 7_000, weeklyDof: 30_000 },
    },
    text: {
      title: "Estratégia de Dota",
      description: "Drafts e rotações para Dota 2.",
      tags: ["draft"],
      categories: ["strategy"],
    },
    stats: { rating: 4.2, ratingCount: 10, recentHires: 30 },
  },
  leagueBuddy: {
    agent: {
      type: "Assistant",
      rank: "Silver",
      games: ["league-of-legends"],
      languages: ["en", "es"],
      nationality: "US",
      voiceChat: true,
      pricing: { hourlyDof: 200, dailyDof: 2_000, weeklyDof: 9_000 },
    },
    text: {
      title: "League companion",
      description: "A calm duo partner for ranked nights.",
      tags: ["chill", "duo"],
      categories: ["companionship"],
    },
    stats: { rating: 3.5, ratingCount: 4, recentHires: 2 },
  },
  valorantRoom: {
    agent: {
      type: "Mentor",
      rank: "Platinum",
      games: ["valorant", "counter-strike-2"],
      languages: ["en"],
      nationality: "US",
      voiceChat: false,
      pricing: { hourlyDof: 1_200, dailyDof: 9_000, weeklyDof: 40_000 },
    },
    text: {
      title: "Valorant strategy room",
      description: "Team strategy and utility lineups.",
      tags: ["utility", "fps"],
      categories: ["strategy", "competitive"],
    },
    stats: { rating: 4.9, ratingCount: 5, recentHires: 5 },
  },
  blockBuilder: {
    agent: {
      type: "Assistant",
      rank: "Bronze",
      games: ["minecraft"],
      languages: ["de"],
      nationality: "DE",
      voiceChat: true,
      pricing: { hourlyDof: 100, dailyDof: 1_000, weeklyDof: 5_000 },
    },
    text: {
      title: "Minecraft builder",
      description: "Redstone and castles, step by step.",
      tags: ["creative"],
      categories: ["creative"],
    },
    stats: {},
  },
};

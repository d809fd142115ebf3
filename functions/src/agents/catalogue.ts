/**
 * What an agent may be built from. Validation checks configurations against these lists, so adding a model,
 * tool or game is a change here and nowhere else.
 */
export const modelsByProvider = {
  openai: ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "o4-mini"],
  anthropic: ["claude-sonnet-4", "claude-haiku-3.5", "claude-opus-4"],
  google: ["gemini-2.5-pro", "gemini-2.5-flash"],
  mistral: ["mistral-large", "mistral-small"],
} as const satisfies Record<string, readonly string[]>;
export type Provider = keyof typeof modelsByProvider;
export const providers = Object.keys(modelsByProvider) as [Provider, ...Provider[]];

export const tools = [
  "web_search",
  "game_stats",
  "build_planner",
  "map_analyzer",
  "replay_review",
  "strategy_guide",
  "inventory_tracker",
  "patch_notes",
  "discord_notify",
  "twitch_clips",
] as const;

export const games = [
  "valorant",
  "league-of-legends",
  "fortnite",
  "counter-strike-2",
  "dota-2",
  "minecraft",
  "apex-legends",
  "rocket-league",
  "overwatch-2",
  "ea-sports-fc",
] as const;

export const voices = ["aria", "nova", "atlas", "ember", "sage", "orion"] as const;

/** ISO 639-1 codes we have voices and moderation for. */
export const languages = ["en", "es", "pt", "fr", "de", "it", "ja", "ko", "zh", "ar", "tr", "ru"] as const;

/** Per-period price bounds in DOF: a floor against dumping, a ceiling against typos that cost a fortune. */
export const priceBoundsDof = {
  hourly: { min: 100, max: 1_000_000 },
  daily: { min: 1_000, max: 10_000_000 },
  weekly: { min: 5_000, max: 50_000_000 },
} as const;

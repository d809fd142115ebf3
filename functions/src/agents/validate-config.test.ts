import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sampleAgentBody } from "../testing/sample-agent.js";
import { AgentConfig, type AgentIdentity, type AgentPricing } from "./schemas.js";
import { specialistIssues, validateConfig, validatePricing } from "./validate-config.js";

const base = AgentConfig.parse(sampleAgentBody().config);
const mentor = { type: "Mentor" } as const satisfies Pick<AgentIdentity, "type">;
const specialist = { type: "Specialist" } as const satisfies Pick<AgentIdentity, "type">;
const edit = (patch: Partial<AgentConfig>): AgentConfig => ({ ...structuredClone(base), ...patch });
const specialise = (patch: Partial<AgentConfig["specialisation"]>) =>
  edit({ specialisation: { ...base.specialisation, ...patch } });
const found = (issues: { path: string; code: string }[]) => issues.map(({ path, code }) => `${path} ${code}`);

describe("validateConfig (pure rules against the catalogue)", () => {
  const cases: [string, AgentConfig, Pick<AgentIdentity, "type">, string[]][] = [
    ["the sample", base, mentor, []],
    ["a Specialist with games", base, specialist, []],
    [
      "a model its provider does not offer",
      edit({ primary: { provider: "mistral", model: "gpt-4o" } }),
      mentor,
      ["body.config.primary.model model_not_offered"],
    ],
    [
      "an unknown fallback model",
      edit({ fallback: { provider: "google", model: "gemini-1" } }),
      mentor,
      ["body.config.fallback.model model_not_offered"],
    ],
    [
      "a fallback equal to the primary",
      edit({ fallback: { ...base.primary } }),
      mentor,
      ["body.config.fallback fallback_same_as_primary"],
    ],
    [
      "the same model name from another provider is a real fallback",
      edit({ fallback: { provider: "anthropic", model: "claude-sonnet-4" } }),
      mentor,
      [],
    ],
    [
      "an unknown tool",
      edit({ toolkit: ["game_stats", "aimbot"] }),
      mentor,
      ["body.config.toolkit.1 unknown_tool"],
    ],
    [
      "a tool twice",
      edit({ toolkit: ["game_stats", "web_search", "game_stats"] }),
      mentor,
      ["body.config.toolkit.2 duplicate"],
    ],
    [
      "an unknown game",
      specialise({ games: ["valorant", "tetris"] }),
      mentor,
      ["body.config.specialisation.games.1 unknown_game"],
    ],
    [
      "a game twice",
      specialise({ games: ["dota-2", "dota-2"] }),
      mentor,
      ["body.config.specialisation.games.1 duplicate"],
    ],
    [
      "a Specialist without games",
      specialise({ games: [] }),
      specialist,
      ["body.config.specialisation.games specialist_without_games"],
    ],
    ["a Mentor without games", specialise({ games: [] }), mentor, []],
    [
      "voice chat without a voice",
      edit({ voice: null }),
      mentor,
      ["body.config.voice voice_chat_without_voice"],
    ],
    ["a voice without voice chat", edit({ features: { ...base.features, voiceChat: false } }), mentor, []],
    [
      "a language twice",
      edit({ languages: ["en", "pt", "en"] }),
      mentor,
      ["body.config.languages.2 duplicate"],
    ],
    [
      "several mistakes at once, all named",
      edit({ primary: { ...base.primary, model: "gpt-5" }, toolkit: ["teleport"], voice: null }),
      mentor,
      [
        "body.config.primary.model model_not_offered",
        "body.config.toolkit.0 unknown_tool",
        "body.config.voice voice_chat_without_voice",
      ],
    ],
  ];
  for (const [name, config, identity, expected] of cases)
    it(name, () => assert.deepEqual(found(validateConfig(config, identity)).sort(), expected.sort()));

  it("names the identity's type when a type change is what breaks the Specialist rule", () => {
    const noGames = specialise({ games: [] });
    assert.deepEqual(found(specialistIssues(noGames, specialist, "body.identity.type")), [
      "body.identity.type specialist_without_games",
    ]);
  });
});

describe("validatePricing (bounds and consistency between periods)", () => {
  const fair: AgentPricing = { hourlyDof: 500, dailyDof: 9_000, weeklyDof: 50_000 };
  const cases: [string, AgentPricing, string[]][] = [
    ["fair prices", fair, []],
    [
      "a day at exactly 24 hours and a week at exactly 7 days",
      { hourlyDof: 500, dailyDof: 12_000, weeklyDof: 84_000 },
      [],
    ],
    [
      "an hour below the floor",
      { hourlyDof: 99, dailyDof: 2_000, weeklyDof: 14_000 },
      ["body.pricing.hourlyDof price_out_of_bounds"],
    ],
    [
      "a week above the ceiling",
      { hourlyDof: 1_000_000, dailyDof: 10_000_000, weeklyDof: 50_000_001 },
      ["body.pricing.weeklyDof price_out_of_bounds"],
    ],
    [
      "a day dearer than 24 hours",
      { ...fair, dailyDof: 12_001 },
      ["body.pricing.dailyDof price_inconsistent"],
    ],
    [
      "a week dearer than 7 days",
      { ...fair, weeklyDof: 63_001 },
      ["body.pricing.weeklyDof price_inconsistent"],
    ],
    [
      "every period wrong",
      { hourlyDof: 1, dailyDof: 500, weeklyDof: 100_000 },
      [
        "body.pricing.dailyDof price_inconsistent",
        "body.pricing.dailyDof price_out_of_bounds",
        "body.pricing.hourlyDof price_out_of_bounds",
        "body.pricing.weeklyDof price_inconsistent",
      ],
    ],
  ];
  for (const [name, pricing, expected] of cases)
    it(name, () => assert.deepEqual(found(validatePricing(pricing)).sort(), expected.sort()));
});

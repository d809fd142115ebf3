import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sampleAgentBody } from "../testing/sample-agent.js";
import { AgentConfig } from "./schemas.js";
import { bumpVersion, type ChangeLevel, changeLevel, nextVersion } from "./versioning.js";

const base = AgentConfig.parse(sampleAgentBody().config);
const edit = (patch: Partial<AgentConfig>): AgentConfig => ({ ...structuredClone(base), ...patch });
const specialise = (patch: Partial<AgentConfig["specialisation"]>) =>
  edit({ specialisation: { ...base.specialisation, ...patch } });

describe("configuration versioning (pure rule)", () => {
  const cases: [string, AgentConfig, ChangeLevel | null][] = [
    ["identical configuration", edit({}), null],
    ["primary model", edit({ primary: { ...base.primary, model: "gpt-4.1" } }), "major"],
    ["primary provider", edit({ primary: { provider: "google", model: "gemini-2.5-pro" } }), "major"],
    ["learning method", specialise({ method: "Experience" }), "major"],
    ["fallback model", edit({ fallback: null }), "minor"],
    ["tool added", edit({ toolkit: [...base.toolkit, "web_search"] }), "minor"],
    ["feature turned on", edit({ features: { ...base.features, commentator: true } }), "minor"],
    ["game added", specialise({ games: [...base.specialisation.games, "dota-2"] }), "minor"],
    ["focus changed", specialise({ focus: ["utility"] }), "minor"],
    ["language added", edit({ languages: [...base.languages, "es"] }), "minor"],
    ["nationality", edit({ nationality: "PT" }), "minor"],
    ["system prompt", edit({ systemPrompt: "You are a patient coach." }), "patch"],
    ["temperature", edit({ temperature: 0.9 }), "patch"],
    ["voice", edit({ voice: "nova" }), "patch"],
    [
      "prompt and a tool: the weightier wins",
      edit({ systemPrompt: "New words.", toolkit: ["game_stats"] }),
      "minor",
    ],
    [
      "everything: major wins",
      edit({ temperature: 0.1, languages: ["en"], primary: { ...base.primary, model: "o4-mini" } }),
      "major",
    ],
  ];
  for (const [name, after, expected] of cases)
    it(`${name} → ${expected ?? "no change"}`, () => assert.equal(changeLevel(base, after), expected));

  it("bumps the named part and resets the smaller ones", () => {
    assert.equal(bumpVersion("1.4.2", "major"), "2.0.0");
    assert.equal(bumpVersion("1.4.2", "minor"), "1.5.0");
    assert.equal(bumpVersion("1.4.2", "patch"), "1.4.3");
    assert.equal(bumpVersion("1.9.0", "minor"), "1.10.0");
    assert.throws(() => bumpVersion("1.4", "patch"), /Not a semantic version/);
  });

  it("keeps the version when nothing changed", () => {
    assert.deepEqual(nextVersion("2.3.4", base, structuredClone(base)), { version: "2.3.4", change: null });
    assert.deepEqual(nextVersion("2.3.4", base, edit({ temperature: 1 })), {
      version: "2.3.5",
      change: "patch",
    });
  });
});

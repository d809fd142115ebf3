import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { call, errorCode, issuePaths } from "../testing/api-client.js";
import { createUsers, type TestUser } from "../testing/people.js";
import { sampleAgentBody } from "../testing/sample-agent.js";
import { resetStack } from "../testing/stack.js";

const config = sampleAgentBody().config;

describe("agent configuration and versions: /v1/agents/{agentId}/config, /versions", () => {
  let owner: TestUser;
  let agentId: string;
  const putConfig = (body: unknown) =>
    call("PUT", `/agents/${agentId}/config`, { token: owner.idToken, body });
  const versions = async (): Promise<string[]> => {
    const page = await call("GET", `/agents/${agentId}/versions`, { token: owner.idToken });
    assert.equal(page.status, 200);
    return page.json.items.map((item: { version: string }) => item.version);
  };

  beforeEach(async () => {
    await resetStack();
    ({ Owner: owner } = await createUsers({ Owner: {} }));
    const created = await call("POST", "/agents", { token: owner.idToken, body: sampleAgentBody() });
    assert.equal(created.status, 201);
    agentId = created.json.agentId;
  });

  it("versions every change by its weight and keeps each version readable", async () => {
    const tuned = await putConfig({ config: { ...config, temperature: 0.9 } });
    assert.equal(tuned.status, 200, JSON.stringify(tuned.json));
    assert.deepEqual(
      { previousVersion: tuned.json.previousVersion, version: tuned.json.version, change: tuned.json.change },
      { previousVersion: "1.0.0", version: "1.0.1", change: "patch" },
    );
    const extended = await putConfig({
      config: { ...config, temperature: 0.9, toolkit: [...config.toolkit, "web_search"] },
    });
    assert.equal(extended.json.version, "1.1.0");
    assert.equal(extended.json.change, "minor");

    assert.deepEqual(await versions(), ["1.1.0", "1.0.1", "1.0.0"]);
    const middle = await call("GET", `/agents/${agentId}/versions/1.0.1`, { token: owner.idToken });
    assert.equal(middle.status, 200);
    assert.equal(middle.json.config.temperature, 0.9);
    assert.deepEqual(middle.json.config.toolkit, config.toolkit);
    assert.equal(middle.json.createdBy, owner.uid);
    const first = await call("GET", `/agents/${agentId}/versions/1.0.0`, { token: owner.idToken });
    assert.equal(first.json.config.temperature, config.temperature);
    const current = await call("GET", `/agents/${agentId}/config`, { token: owner.idToken });
    assert.equal(current.json.version, "1.1.0");
    assert.deepEqual(current.json.config.toolkit, [...config.toolkit, "web_search"]);
    assert.equal((await call("GET", `/agents/${agentId}`, { token: owner.idToken })).json.version, "1.1.0");

    const unchanged = await putConfig({ config: current.json.config });
    assert.equal(unchanged.status, 200);
    assert.equal(unchanged.json.version, "1.1.0");
    assert.equal(unchanged.json.change, null);
    assert.equal((await versions()).length, 3);

    const rebrained = await putConfig({
      config: { ...current.json.config, primary: { provider: "google", model: "gemini-2.5-pro" } },
    });
    assert.equal(rebrained.json.version, "2.0.0");
    assert.equal(rebrained.json.change, "major");

    const missing = await call("GET", `/agents/${agentId}/versions/9.9.9`, { token: owner.idToken });
    assert.equal(missing.status, 404);
    const malformed = await call("GET", `/agents/${agentId}/versions/latest`, { token: owner.idToken });
    assert.deepEqual(issuePaths(malformed), ["params.version"]);
  });

  it("pages through versions newest first", async () => {
    for (const temperature of [0.1, 0.2, 0.3]) await putConfig({ config: { ...config, temperature } });
    const first = await call("GET", `/agents/${agentId}/versions?limit=3`, { token: owner.idToken });
    assert.deepEqual(
      first.json.items.map((item: { version: string }) => item.version),
      ["1.0.3", "1.0.2", "1.0.1"],
    );
    const rest = await call("GET", `/agents/${agentId}/versions?limit=3&cursor=${first.json.nextCursor}`, {
      token: owner.idToken,
    });
    assert.deepEqual(
      rest.json.items.map((item: { version: string }) => item.version),
      ["1.0.0"],
    );
    assert.equal(rest.json.nextCursor, null);
  });

  it("never gives two concurrent changes the same version", async () => {
    const [a, b] = await Promise.all([
      putConfig({ config: { ...config, toolkit: [...config.toolkit, "web_search"] } }),
      putConfig({ config: { ...config, languages: [...config.languages, "es"] } }),
    ]);
    assert.equal(a.status, 200, JSON.stringify(a.json));
    assert.equal(b.status, 200, JSON.stringify(b.json));
    assert.deepEqual([a.json.version, b.json.version].sort(), ["1.1.0", "1.2.0"]);
    assert.deepEqual(await versions(), ["1.2.0", "1.1.0", "1.0.0"]);
    const current = await call("GET", `/agents/${agentId}/config`, { token: owner.idToken });
    assert.equal(current.json.version, "1.2.0");
  });

  it("names every mistake of a new agent and writes nothing", async () => {
    const body = sampleAgentBody();
    const wrong = {
      ...body,
      identity: { ...body.identity, type: "Specialist" },
      config: {
        ...body.config,
        primary: { provider: "openai", model: "claude-opus-4" },
        fallback: { provider: "openai", model: "claude-opus-4" },
        voice: null,
        languages: ["en", "en"],
        toolkit: ["game_stats", "wallhack"],
        specialisation: { games: [], focus: [], method: "Trained" },
      },
      pricing: { hourlyDof: 50, dailyDof: 2_000, weeklyDof: 20_000 },
    };
    const response = await call("POST", "/agents", { token: owner.idToken, body: wrong });
    assert.equal(response.status, 400);
    assert.equal(errorCode(response), "invalidArgument");
    assert.deepEqual(issuePaths(response), [
      "body.config.fallback",
      "body.config.fallback.model",
      "body.config.languages.1",
      "body.config.primary.model",
      "body.config.specialisation.games",
      "body.config.toolkit.1",
      "body.config.voice",
      "body.pricing.dailyDof",
      "body.pricing.hourlyDof",
      "body.pricing.weeklyDof",
    ]);
    const mine = await call("GET", "/agents", { token: owner.idToken });
    assert.equal(mine.json.items.length, 1, "only the agent from beforeEach");
  });

  it("validates a proposed configuration by the same rules as PUT, without saving it", async () => {
    const valid = await call("POST", `/agents/${agentId}/config/validate`, {
      token: owner.idToken,
      body: { config: { ...config, temperature: 1.2 } },
    });
    assert.equal(valid.status, 200);
    assert.deepEqual(valid.json, { valid: true });

    const proposal = { config: { ...config, voice: null, fallback: { ...config.primary } } };
    const checked = await call("POST", `/agents/${agentId}/config/validate`, {
      token: owner.idToken,
      body: proposal,
    });
    assert.equal(checked.status, 400);
    assert.deepEqual(issuePaths(checked), ["body.config.fallback", "body.config.voice"]);
    const saved = await putConfig(proposal);
    assert.equal(saved.status, 400);
    assert.deepEqual(issuePaths(saved), issuePaths(checked));

    const shapeless = await call("POST", `/agents/${agentId}/config/validate`, {
      token: owner.idToken,
      body: { config: { ...config, temperature: 3 } },
    });
    assert.deepEqual(issuePaths(shapeless), ["body.config.temperature"]);
    assert.deepEqual(await versions(), ["1.0.0"]);
  });
});

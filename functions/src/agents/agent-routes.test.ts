import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { call, errorCode, issuePaths } from "../testing/api-client.js";
import { createUsers, type TestUser } from "../testing/people.js";
import { sampleAgentBody } from "../testing/sample-agent.js";
import { resetStack } from "../testing/stack.js";

type People = Record<"Owner" | "Other" | "Admin", TestUser>;

async function createAgent(token: string, name = "Radiant Coach"): Promise<string> {
  const body = sampleAgentBody();
  const response = await call("POST", "/agents", {
    token,
    body: { ...body, identity: { ...body.identity, name } },
  });
  assert.equal(response.status, 201, JSON.stringify(response.json));
  return response.json.agentId;
}

describe("agents: /v1/agents and /v1/agents/{agentId}", () => {
  let people: People;
  beforeEach(async () => {
    await resetStack();
    people = await createUsers({ Owner: {}, Other: {}, Admin: { admin: true } });
  });

  it("creates, reads, replaces and deletes an agent", async () => {
    const { Owner } = people;
    const created = await call("POST", "/agents", { token: Owner.idToken, body: sampleAgentBody() });
    assert.equal(created.status, 201);
    const agent = created.json;
    assert.match(agent.agentId, /^[A-Za-z0-9]{20}$/);
    assert.equal(agent.ownerUid, Owner.uid);
    assert.equal(agent.version, "1.0.0");
    assert.deepEqual(agent.experience, { hoursByGame: {}, totalHours: 0 });
    assert.deepEqual(agent.achievements, []);
    assert.equal(agent.listingStatus, null);
    assert.deepEqual(agent.config.toolkit, ["game_stats", "replay_review"]);

    const read = await call("GET", `/agents/${agent.agentId}`, { token: Owner.idToken });
    assert.equal(read.status, 200);
    assert.deepEqual(read.json, agent);
    const firstVersion = await call("GET", `/agents/${agent.agentId}/versions/1.0.0`, {
      token: Owner.idToken,
    });
    assert.equal(firstVersion.status, 200);
    assert.deepEqual(firstVersion.json.config, agent.config);

    const { identity } = sampleAgentBody();
    const replaced = await call("PUT", `/agents/${agent.agentId}`, {
      token: Owner.idToken,
      body: {
        identity: { ...identity, name: "Immortal Coach", rank: "Platinum" },
        pricing: { hourlyDof: 800, dailyDof: 15_000, weeklyDof: 90_000 },
        availability: { status: "busy", maxConcurrentSessions: 3 },
      },
    });
    assert.equal(replaced.status, 200, JSON.stringify(replaced.json));
    assert.equal(replaced.json.identity.name, "Immortal Coach");
    assert.equal(replaced.json.pricing.hourlyDof, 800);
    assert.equal(replaced.json.availability.status, "busy");
    // Identity and prices are not the configuration: the version stays.
    assert.equal(replaced.json.version, "1.0.0");
    assert.deepEqual(replaced.json.config, agent.config);
    assert.deepEqual(
      (await call("GET", `/agents/${agent.agentId}`, { token: Owner.idToken })).json,
      replaced.json,
    );

    const deleted = await call("DELETE", `/agents/${agent.agentId}`, { token: Owner.idToken });
    assert.equal(deleted.status, 204);
    const gone = await call("GET", `/agents/${agent.agentId}`, { token: Owner.idToken });
    assert.equal(gone.status, 404);
    assert.equal(errorCode(gone), "notFound");
  });

  it("answers 404 to anyone but the owner, and lets admins read but not change", async () => {
    const { Owner, Other, Admin } = people;
    const agentId = await createAgent(Owner.idToken);
    const { identity, pricing, availability } = sampleAgentBody();
    const update = { identity, pricing, availability };
    const config = { config: sampleAgentBody().config };
    const attempts = [
      ["GET", `/agents/${agentId}`, undefined],
      ["PUT", `/agents/${agentId}`, update],
      ["DELETE", `/agents/${agentId}`, undefined],
      ["GET", `/agents/${agentId}/config`, undefined],
      ["PUT", `/agents/${agentId}/config`, config],
      ["POST", `/agents/${agentId}/config/validate`, config],
      ["GET", `/agents/${agentId}/versions`, undefined],
      ["GET", `/agents/${agentId}/versions/1.0.0`, undefined],
    ] as const;
    for (const [method, path, body] of attempts) {
      const response = await call(method, path, { token: Other.idToken, body });
      assert.equal(response.status, 404, `${method} ${path}`);
      const missing = await call(method, path.replace(agentId, "noSuchAgent"), {
        token: Other.idToken,
        body,
      });
      // Someone else's agent and a missing one look the same, so ids cannot be probed.
      assert.equal(missing.status, 404);
      assert.equal(response.json.error.message, missing.json.error.message);
    }
    assert.deepEqual((await call("GET", "/agents", { token: Other.idToken })).json.items, []);

    assert.equal((await call("GET", `/agents/${agentId}`, { token: Admin.idToken })).status, 200);
    assert.equal((await call("GET", `/agents/${agentId}/versions`, { token: Admin.idToken })).status, 200);
    assert.equal(
      (await call("PUT", `/agents/${agentId}`, { token: Admin.idToken, body: update })).status,
      404,
    );
    assert.equal((await call("DELETE", `/agents/${agentId}`, { token: Admin.idToken })).status, 404);
    assert.equal((await call("GET", `/agents/${agentId}`, { token: Owner.idToken })).status, 200);
  });

  it("lets API keys read or write only with the matching scope", async () => {
    const { Owner } = people;
    const agentId = await createAgent(Owner.idToken);
    const keyWith = async (scopes: string[]) => {
      const response = await call("POST", "/api-keys", {
        token: Owner.idToken,
        body: { name: "game client", scopes },
      });
      assert.equal(response.status, 201);
      return response.json.key as string;
    };
    const reader = await keyWith(["agents:read"]);
    const writer = await keyWith(["agents:write"]);

    assert.equal((await call("GET", "/agents", { apiKey: reader })).json.items[0].agentId, agentId);
    assert.equal((await call("GET", `/agents/${agentId}/config`, { apiKey: reader })).status, 200);
    const refused = await call("POST", "/agents", { apiKey: reader, body: sampleAgentBody() });
    assert.equal(refused.status, 403);
    assert.equal(refused.json.error.details.requiredScope, "agents:write");
    assert.equal((await call("DELETE", `/agents/${agentId}`, { apiKey: reader })).status, 403);

    const created = await call("POST", "/agents", { apiKey: writer, body: sampleAgentBody() });
    assert.equal(created.status, 201);
    assert.equal(created.json.ownerUid, Owner.uid);
    assert.equal((await call("GET", "/agents", { apiKey: writer })).status, 403);
  });

  it("keeps the configuration out of PUT /agents, and checks a new type against it", async () => {
    const { Owner } = people;
    const agentId = await createAgent(Owner.idToken);
    const { identity, pricing, availability, config } = sampleAgentBody();
    const withConfig = await call("PUT", `/agents/${agentId}`, {
      token: Owner.idToken,
      body: { identity, pricing, availability, config },
    });
    assert.equal(withConfig.status, 400);
    assert.deepEqual(issuePaths(withConfig), ["body"]);

    const gamesless = { config: { ...config, specialisation: { games: [], focus: [], method: "Trained" } } };
    assert.equal(
      (await call("PUT", `/agents/${agentId}/config`, { token: Owner.idToken, body: gamesless })).status,
      200,
    );
    const specialist = await call("PUT", `/agents/${agentId}`, {
      token: Owner.idToken,
      body: { identity: { ...identity, type: "Specialist" }, pricing, availability },
    });
    assert.equal(specialist.status, 400);
    assert.deepEqual(issuePaths(specialist), ["body.identity.type"]);
    assert.equal(
      (await call("GET", `/agents/${agentId}`, { token: Owner.idToken })).json.identity.type,
      "Mentor",
    );
  });

  it("pages through the caller's agents newest first", async () => {
    const { Owner, Other } = people;
    const created: string[] = [];
    for (const name of ["First", "Second", "Third", "Fourth", "Fifth"])
      created.push(await createAgent(Owner.idToken, name));
    await createAgent(Other.idToken, "Not yours");

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : "?limit=2";
      const page = await call("GET", `/agents${query}`, { token: Owner.idToken });
      assert.equal(page.status, 200);
      assert.ok(page.json.items.length <= 2);
      seen.push(...page.json.items.map((item: { agentId: string }) => item.agentId));
      cursor = page.json.nextCursor;
      pages += 1;
    } while (cursor);
    assert.equal(pages, 3);
    assert.deepEqual(seen, created.reverse());

    const badCursor = await call("GET", "/agents?cursor=nonsense", { token: Owner.idToken });
    assert.equal(badCursor.status, 400);
    assert.deepEqual(issuePaths(badCursor), ["query.cursor"]);
  });
});

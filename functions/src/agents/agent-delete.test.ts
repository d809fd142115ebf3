import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { Collections } from "../common/collections.js";
import { call, errorCode } from "../testing/api-client.js";
import { createUsers, type TestUser } from "../testing/people.js";
import { sampleAgentBody } from "../testing/sample-agent.js";
import { admin, resetStack } from "../testing/stack.js";

describe("DELETE /v1/agents/{agentId}", () => {
  let owner: TestUser;
  let agentId: string;
  const session = (id: string, fields: Record<string, unknown>) =>
    admin.db().collection(Collections.sessions).doc(id).set(fields);

  beforeEach(async () => {
    await resetStack();
    ({ Owner: owner } = await createUsers({ Owner: {} }));
    const created = await call("POST", "/agents", { token: owner.idToken, body: sampleAgentBody() });
    agentId = created.json.agentId;
    const changed = await call("PUT", `/agents/${agentId}/config`, {
      token: owner.idToken,
      body: { config: { ...sampleAgentBody().config, temperature: 1 } },
    });
    assert.equal(changed.status, 200);
  });

  it("is refused while the agent is hired, and allowed once the hires have ended", async () => {
    await session("s1", { agentId, status: "active" });
    await session("s2", { agentId, status: "pending" });
    await session("s3", { agentId, status: "completed" });
    await session("s4", { agentId: "anotherAgent", status: "active" });

    const refused = await call("DELETE", `/agents/${agentId}`, { token: owner.idToken });
    assert.equal(refused.status, 409);
    assert.equal(errorCode(refused), "conflict");
    assert.equal(refused.json.error.details.activeSessions, 2);
    assert.equal((await call("GET", `/agents/${agentId}`, { token: owner.idToken })).status, 200);
    assert.equal(
      (await call("GET", `/agents/${agentId}/versions`, { token: owner.idToken })).json.items.length,
      2,
    );

    await session("s1", { agentId, status: "completed" });
    await session("s2", { agentId, status: "cancelled" });
    assert.equal((await call("DELETE", `/agents/${agentId}`, { token: owner.idToken })).status, 204);
    assert.equal((await call("GET", `/agents/${agentId}`, { token: owner.idToken })).status, 404);
  });

  it("deletes the version history and unpublishes the listing", async () => {
    const listing = admin.db().collection(Collections.listings).doc(agentId);
    await listing.set({ agentId, ownerUid: owner.uid, status: "active", title: "Radiant Coach" });

    assert.equal((await call("DELETE", `/agents/${agentId}`, { token: owner.idToken })).status, 204);
    const after = (await listing.get()).data();
    assert.equal(after?.status, "unpublished");
    assert.ok(after?.unpublishedAt, "unpublishedAt is set");
    assert.equal(after?.title, "Radiant Coach", "the rest of the listing is the marketplace's");
    const agentDoc = admin.db().collection(Collections.agents).doc(agentId);
    assert.equal((await agentDoc.get()).exists, false);
    assert.equal((await agentDoc.collection(Collections.agentVersions).get()).size, 0);

    assert.equal((await call("DELETE", `/agents/${agentId}`, { token: owner.idToken })).status, 404);
  });

  it("creates no listing for an agent that never had one", async () => {
    assert.equal((await call("DELETE", `/agents/${agentId}`, { token: owner.idToken })).status, 204);
    assert.equal((await admin.db().collection(Collections.listings).doc(agentId).get()).exists, false);
  });
});

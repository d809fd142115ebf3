import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { Timestamp } from "firebase-admin/firestore";
import { call } from "../testing/api-client.js";
import { createUsers, type TestUser } from "../testing/people.js";
import { admin, resetStack } from "../testing/stack.js";
import { grantEarnings } from "../testing/wallets.js";

/** Every key anywhere in a JSON value, however deep. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
}

const privateKeys = ["email", "wallet", "balanceDof", "escrowDof", "earnedDof", "dofEarned"];

async function seedMarketplace(owner: string, other: string): Promise<void> {
  const db = admin.db();
  const batch = db.batch();
  const agent = (ownerUid: string) => ({
    ownerUid,
    experience: { hoursByGame: {}, totalHours: 0 },
    achievements: [],
    createdAt: Timestamp.now(),
  });
  batch.set(db.doc("agents/agent-a"), agent(owner));
  batch.set(db.doc("agents/agent-b"), agent(owner));
  batch.set(db.doc("agents/agent-c"), agent(other));
  const listing = (
    ownerUid: string,
    status: string,
    rating: number,
    ratingCount: number,
    totalHires: number,
  ) => ({
    ownerUid,
    status,
    stats: { rating, ratingCount, totalHires },
  });
  batch.set(db.doc("listings/l1"), listing(owner, "active", 4.5, 10, 20));
  batch.set(db.doc("listings/l2"), listing(owner, "active", 3.5, 2, 5));
  batch.set(db.doc("listings/l3"), listing(owner, "paused", 0, 0, 1));
  batch.set(db.doc("listings/l4"), listing(other, "active", 1, 40, 300));
  batch.update(db.doc(`users/${owner}`), {
    nationality: "BR",
    timezone: "America/Sao_Paulo",
    presence: { state: "online", changedAtMs: Date.now() },
  });
  await batch.commit();
  await grantEarnings(owner, 1234);
}

describe("marketplace statistics and the public profile", () => {
  let nia: TestUser;
  let omar: TestUser;

  beforeEach(async () => {
    await resetStack();
    ({ nia, omar } = await createUsers({ nia: {}, omar: {} }));
    await seedMarketplace(nia.uid, omar.uid);
  });

  it("computes the owner's statistics from their agents and listings, with DOF earned", async () => {
    const stats = await call("GET", "/profile/stats", { token: nia.idToken });
    assert.equal(stats.status, 200);
    assert.deepEqual(stats.json, {
      agentsOwned: 2,
      activeListings: 2,
      totalHires: 26,
      averageRating: 4,
      dofEarned: 1234,
    });
    const empty = await call("GET", "/profile/stats", { token: omar.idToken });
    assert.deepEqual(empty.json, {
      agentsOwned: 1,
      activeListings: 1,
      totalHires: 300,
      averageRating: 1,
      dofEarned: 0,
    });
  });

  it("shows anyone the public view, and nothing private anywhere in it", async () => {
    const view = await call("GET", `/users/${nia.uid}`);
    assert.equal(view.status, 200);
    assert.equal(view.json.uid, nia.uid);
    assert.equal(view.json.displayName, `Player ${nia.uid.slice(0, 6)}`);
    assert.equal(view.json.nationality, "BR");
    assert.equal(view.json.presence.state, "online");
    assert.deepEqual(view.json.stats, {
      agentsOwned: 2,
      activeListings: 2,
      totalHires: 26,
      averageRating: 4,
    });
    const keys = keysOf(view.json);
    for (const key of [...privateKeys, "preferences", "timezone"]) assert.ok(!keys.includes(key), key);
    const text = JSON.stringify(view.json);
    for (const secret of ["nia@example.com", "America/Sao_Paulo", "1234"]) assert.ok(!text.includes(secret));
  });

  it("hides nationality, online status and statistics when the owner says so", async () => {
    const privacy = { showOnlineStatus: false, showStats: false, showNationality: false };
    const put = await call("PUT", "/profile", { token: nia.idToken, body: { preferences: { privacy } } });
    assert.equal(put.status, 200);
    const view = await call("GET", `/users/${nia.uid}`, { token: omar.idToken });
    assert.equal(view.status, 200);
    assert.equal(view.json.nationality, null);
    assert.equal(view.json.presence, null);
    assert.equal(view.json.stats, null);
    assert.equal(view.json.displayName, `Player ${nia.uid.slice(0, 6)}`);

    const shown = { preferences: { privacy: { showNationality: true } } };
    await call("PUT", "/profile", { token: nia.idToken, body: shown });
    const again = await call("GET", `/users/${nia.uid}`);
    assert.equal(again.json.nationality, "BR");
    assert.equal(again.json.presence, null, "the other flags stay off");
  });

  it("answers 404 for an unknown user and 400 for an id that cannot be one", async () => {
    assert.equal((await call("GET", "/users/nobody-here")).status, 404);
    assert.equal((await call("GET", "/users/a%2Fb")).status, 400);
  });

  it("lets an API key read public profiles only with marketplace:read", async () => {
    const key = async (scopes: string[]) =>
      (await call("POST", "/api-keys", { token: omar.idToken, body: { name: "k", scopes } })).json.key;
    assert.equal(
      (await call("GET", `/users/${nia.uid}`, { apiKey: await key(["marketplace:read"]) })).status,
      200,
    );
    assert.equal(
      (await call("GET", `/users/${nia.uid}`, { apiKey: await key(["profile:read"]) })).status,
      403,
    );
  });
});

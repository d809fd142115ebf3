import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { Timestamp } from "firebase-admin/firestore";
import { call, errorCode } from "../testing/api-client.js";
import { createUsers, type TestUser } from "../testing/people.js";
import { admin, resetStack } from "../testing/stack.js";

async function createKey(owner: TestUser, body: Record<string, unknown>) {
  const response = await call("POST", "/api-keys", { token: owner.idToken, body });
  assert.equal(response.status, 201, JSON.stringify(response.json));
  return response.json as { id: string; key: string; expiresAt: string; scopes: string[] };
}

describe("API keys: /v1/api-keys and X-API-Key", () => {
  let people: Record<"Owner" | "Other", TestUser>;

  beforeEach(async () => {
    await resetStack();
    people = await createUsers({ Owner: {}, Other: {} });
  });

  it("shows the key once, stores only its hash, and lists keys without secrets", async () => {
    const created = await createKey(people.Owner, { name: "Game client", scopes: ["profile:read"] });
    assert.match(created.key, /^jiga_[A-Za-z0-9]{20}_[A-Za-z0-9_-]{43}$/);
    const days = (Date.parse(created.expiresAt) - Date.now()) / 86_400_000;
    assert.ok(days > 89 && days <= 90, `expires in ${days} days by default`);

    const stored = await admin.db().collection("apiKeys").doc(created.id).get();
    const secret = created.key.split("_").slice(2).join("_");
    assert.ok(stored.exists);
    assert.ok(!JSON.stringify(stored.data()).includes(secret), "the secret itself is never stored");

    const listed = await call("GET", "/api-keys", { token: people.Owner.idToken });
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.json.items.map((item: { id: string }) => item.id),
      [created.id],
    );
    assert.ok(!JSON.stringify(listed.json).includes(secret));
    assert.equal((await call("GET", "/api-keys", { token: people.Other.idToken })).json.items.length, 0);
  });

  it("acts for its owner within its scopes, and never with more than the user role", async () => {
    const reader = await createKey(people.Owner, { name: "Reader", scopes: ["profile:read"] });
    const me = await call("GET", "/auth/user", { apiKey: reader.key });
    assert.equal(me.status, 200);
    assert.equal(me.json.uid, people.Owner.uid);
    assert.deepEqual(me.json.roles, ["user"]);

    const marketOnly = await createKey(people.Owner, { name: "Market", scopes: ["marketplace:read"] });
    const refused = await call("GET", "/auth/user", { apiKey: marketOnly.key });
    assert.equal(refused.status, 403);
    assert.equal(refused.json.error.details.requiredScope, "profile:read");

    // Key management and sign-out need a person's ID token, whatever the key's scopes.
    for (const [method, path] of [
      ["GET", "/api-keys"],
      ["POST", "/auth/logout"],
    ] as const) {
      const response = await call(method, path, { apiKey: reader.key });
      assert.equal(response.status, 403, `${method} ${path}`);
      assert.equal(response.json.error.details.reason, "api-key-not-allowed");
    }
  });

  it("stops working when revoked or expired, and refuses malformed or forged keys", async () => {
    const revoked = await createKey(people.Owner, { name: "Old build", scopes: ["profile:read"] });
    assert.equal(
      (await call("DELETE", `/api-keys/${revoked.id}`, { token: people.Owner.idToken })).status,
      204,
    );
    const afterRevoke = await call("GET", "/auth/user", { apiKey: revoked.key });
    assert.equal(afterRevoke.status, 401);
    assert.equal(afterRevoke.json.error.details.reason, "api-key-revoked");
    const listed = await call("GET", "/api-keys", { token: people.Owner.idToken });
    assert.ok(listed.json.items[0].revokedAt);

    const expiring = await createKey(people.Owner, { name: "Expiring", scopes: ["profile:read"] });
    await admin
      .db()
      .collection("apiKeys")
      .doc(expiring.id)
      .update({ expiresAt: Timestamp.fromMillis(Date.now() - 1000) });
    const afterExpiry = await call("GET", "/auth/user", { apiKey: expiring.key });
    assert.equal(afterExpiry.status, 401);
    assert.equal(afterExpiry.json.error.details.reason, "api-key-expired");

    const valid = await createKey(people.Owner, { name: "Valid", scopes: ["profile:read"] });
    const forged = `${valid.key.slice(0, -4)}AAAA`;
    for (const key of ["not-a-key", forged]) {
      const response = await call("GET", "/auth/user", { apiKey: key });
      assert.equal(response.status, 401, key);
      assert.equal(response.json.error.details.reason, "invalid-api-key");
    }
    const both = await call("GET", "/auth/user", { apiKey: valid.key, token: people.Owner.idToken });
    assert.equal(both.status, 400);
  });

  it("lets only the owner revoke a key; to anyone else it does not exist", async () => {
    const key = await createKey(people.Owner, { name: "Mine", scopes: ["profile:read"] });
    const response = await call("DELETE", `/api-keys/${key.id}`, { token: people.Other.idToken });
    assert.equal(response.status, 404);
    assert.equal((await call("GET", "/auth/user", { apiKey: key.key })).status, 200);
  });

  it("validates the request with field-level details", async () => {
    const response = await call("POST", "/api-keys", {
      token: people.Owner.idToken,
      body: { name: "", scopes: ["profile:read", "wallet:empty"], expiresInDays: 400 },
    });
    assert.equal(response.status, 400);
    assert.equal(errorCode(response), "invalidArgument");
    const paths = response.json.error.details.issues.map((issue: { path: string }) => issue.path);
    assert.deepEqual(paths.sort(), ["body.expiresInDays", "body.name", "body.scopes.1"]);
    const repeated = await call("POST", "/api-keys", {
      token: people.Owner.idToken,
      body: { name: "twice", scopes: ["profile:read", "profile:read"] },
    });
    assert.equal(repeated.status, 400);
    assert.deepEqual(repeated.json.error.details.issues[0].path, "body.scopes");
  });
});

describe("Rate limits", () => {
  beforeEach(() => resetStack());

  it("holds an API key to its own limit across routes, with 429 and Retry-After", async () => {
    const { Owner } = await createUsers({ Owner: {} });
    const key = await createKey(Owner, { name: "Slow", scopes: ["profile:read"], rateLimitPerMinute: 3 });
    for (let index = 0; index < 3; index++)
      assert.equal((await call("GET", "/auth/user", { apiKey: key.key })).status, 200);
    const limited = await call("GET", "/auth/user", { apiKey: key.key });
    assert.equal(limited.status, 429);
    assert.equal(errorCode(limited), "rateLimited");
    const retryAfter = Number(limited.headers.get("retry-after"));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.equal(limited.json.error.details.retryAfterSeconds, retryAfter);
    // The owner's own ID token is counted separately, so a runaway key does not lock its owner out.
    assert.equal((await call("GET", "/auth/user", { token: Owner.idToken })).status, 200);
  });

  it("limits a caller per route: the 11th key created in a minute is refused, nothing written", async () => {
    const { Owner, Other } = await createUsers({ Owner: {}, Other: {} });
    for (let index = 0; index < 10; index++)
      await createKey(Owner, { name: `k${index}`, scopes: ["profile:read"] });
    const limited = await call("POST", "/api-keys", {
      token: Owner.idToken,
      body: { name: "one too many", scopes: ["profile:read"] },
    });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get("retry-after")) >= 1);
    const keys = await admin.db().collection("apiKeys").where("ownerUid", "==", Owner.uid).get();
    assert.equal(keys.size, 10);
    // Another account has its own budget on the same route.
    await createKey(Other, { name: "theirs", scopes: ["profile:read"] });
  });
});

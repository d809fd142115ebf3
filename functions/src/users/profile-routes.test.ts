import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { Timestamp } from "firebase-admin/firestore";
import { call, errorCode, issuePaths } from "../testing/api-client.js";
import { createUsers, type TestUser } from "../testing/people.js";
import { admin, resetStack } from "../testing/stack.js";

async function apiKeyFor(user: TestUser, scopes: string[]): Promise<string> {
  const created = await call("POST", "/api-keys", { token: user.idToken, body: { name: "client", scopes } });
  assert.equal(created.status, 201);
  return created.json.key;
}

describe("own profile: /v1/profile", () => {
  let nia: TestUser;

  beforeEach(async () => {
    await resetStack();
    ({ nia } = await createUsers({ nia: {} }));
  });

  it("answers the profile made at sign-up, with the email from Auth and default preferences", async () => {
    const response = await call("GET", "/profile", { token: nia.idToken });
    assert.equal(response.status, 200);
    assert.equal(response.json.uid, nia.uid);
    assert.equal(response.json.email, "nia@example.com");
    assert.equal(response.json.nationality, null);
    assert.equal(response.json.timezone, null);
    assert.deepEqual(response.json.wallet, { balanceDof: 0, escrowDof: 0, earnedDof: 0 });
    assert.equal(response.json.preferences.notifications.marketing, false);
    assert.equal(response.json.preferences.privacy.showStats, true);
    const stored = (await admin.db().doc(`users/${nia.uid}`).get()).data();
    assert.ok(!JSON.stringify(stored).includes("nia@example.com"), "the email is not stored");
  });

  it("stores a change and answers it on the next read; omitted fields keep their values", async () => {
    const body = {
      displayName: "Nia the Bold",
      avatarUrl: "https://cdn.example.com/nia.png",
      nationality: "PT",
      timezone: "Europe/Lisbon",
      preferences: { notifications: { marketing: true }, privacy: { showOnlineStatus: false } },
    };
    const put = await call("PUT", "/profile", { token: nia.idToken, body });
    assert.equal(put.status, 200);
    const get = await call("GET", "/profile", { token: nia.idToken });
    assert.deepEqual(get.json, put.json);
    assert.equal(get.json.displayName, "Nia the Bold");
    assert.equal(get.json.avatarUrl, "https://cdn.example.com/nia.png");
    assert.equal(get.json.nationality, "PT");
    assert.equal(get.json.timezone, "Europe/Lisbon");
    assert.equal(get.json.preferences.notifications.marketing, true);
    assert.equal(get.json.preferences.notifications.email, true, "an omitted flag keeps its value");
    assert.equal(get.json.preferences.privacy.showOnlineStatus, false);

    const cleared = await call("PUT", "/profile", { token: nia.idToken, body: { nationality: null } });
    assert.equal(cleared.json.nationality, null);
    assert.equal(cleared.json.timezone, "Europe/Lisbon");
  });

  it("refuses fields that are not the user's to write, naming them, and changes nothing", async () => {
    const before = (await call("GET", "/profile", { token: nia.idToken })).json;
    const forbidden: [string, Record<string, unknown>][] = [
      ["wallet", { displayName: "Rich", wallet: { balanceDof: 1_000_000 } }],
      ["uid", { uid: "someone-else" }],
      ["presence", { presence: { state: "online", changedAtMs: 1 } }],
      ["email", { email: "other@example.com" }],
      ["createdAt", { createdAt: "2020-01-01T00:00:00Z" }],
    ];
    for (const [key, body] of forbidden) {
      const response = await call("PUT", "/profile", { token: nia.idToken, body });
      assert.equal(response.status, 400);
      assert.equal(errorCode(response), "invalidArgument");
      assert.deepEqual(response.json.error.details.issues, [
        { path: "body", code: "unrecognized_keys", message: `Unrecognized key: "${key}"` },
      ]);
    }
    const nested = await call("PUT", "/profile", {
      token: nia.idToken,
      body: { preferences: { notifications: { sms: true } } },
    });
    assert.deepEqual(issuePaths(nested), ["body.preferences.notifications"]);
    assert.deepEqual((await call("GET", "/profile", { token: nia.idToken })).json, before);
  });

  it("refuses a bad time zone, nationality, avatar URL or display name field by field", async () => {
    const response = await call("PUT", "/profile", {
      token: nia.idToken,
      body: { timezone: "Mars/Olympus", nationality: "XX", avatarUrl: "http://insecure.example.com/a.png" },
    });
    assert.equal(response.status, 400);
    assert.deepEqual(issuePaths(response), ["body.avatarUrl", "body.nationality", "body.timezone"]);
    for (const body of [
      { timezone: "+05:00" },
      { nationality: "br" },
      { avatarUrl: "not a url" },
      { displayName: "   " },
      { preferences: { privacy: { showStats: "no" } } },
    ])
      assert.equal((await call("PUT", "/profile", { token: nia.idToken, body })).status, 400);
  });

  it("reads a profile stored before preferences existed, with their defaults", async () => {
    await admin.db().doc(`users/${nia.uid}`).set({
      uid: nia.uid,
      displayName: "Old Timer",
      avatarUrl: null,
      createdAt: Timestamp.now(),
    });
    const response = await call("GET", "/profile", { token: nia.idToken });
    assert.equal(response.status, 200);
    assert.equal(response.json.displayName, "Old Timer");
    assert.equal(response.json.preferences.privacy.showNationality, true);
  });

  it("answers an empty wallet for a new account", async () => {
    const wallet = await call("GET", "/profile/wallet", { token: nia.idToken });
    assert.equal(wallet.status, 200);
    assert.deepEqual(wallet.json, { balanceDof: 0, escrowDof: 0, earnedDof: 0, recentTransactions: [] });
  });

  it("lets an API key with profile:read read, never write, and needs a credential", async () => {
    const reader = await apiKeyFor(nia, ["profile:read"]);
    const profile = await call("GET", "/profile", { apiKey: reader });
    assert.equal(profile.status, 200);
    assert.equal(profile.json.email, "nia@example.com");
    assert.equal((await call("GET", "/profile/wallet", { apiKey: reader })).status, 200);
    assert.equal((await call("GET", "/profile/stats", { apiKey: reader })).status, 200);
    const write = await call("PUT", "/profile", { apiKey: reader, body: { displayName: "Key" } });
    assert.equal(write.status, 403);
    assert.equal(write.json.error.details.reason, "api-key-not-allowed");

    const other = await apiKeyFor(nia, ["agents:read"]);
    const denied = await call("GET", "/profile", { apiKey: other });
    assert.equal(denied.status, 403);
    assert.equal(denied.json.error.details.requiredScope, "profile:read");
    for (const path of ["/profile", "/profile/stats", "/profile/wallet"])
      assert.equal((await call("GET", path)).status, 401);
  });
});

/**
 * Security rules through the client SDK with signed-in-looking users (rules-unit-testing's
 * mockUserToken): allowed and refused paths, validation, custom claims, query-based rules,
 * refused listens, rule errors reported with their path, and rules reloaded over REST.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  assertFails,
  assertSucceeds,
  initializeTestEnvironment,
  type RulesTestEnvironment,
} from "@firebase/rules-unit-testing";
import { type RunningDatabaseEmulator, startDatabaseEmulator } from "./index.js";

const RULES = `{
  // Comments are allowed, as in database.rules.json.
  "rules": {
    "public": { ".read": true },
    "users": {
      "$uid": {
        ".read": "auth != null && auth.uid == $uid",
        ".write": "auth != null && auth.uid == $uid",
        "name": { ".validate": "newData.isString() && newData.val().length <= 20" },
        "age": { ".validate": "newData.isNumber() && newData.val() >= 0" },
        "$other": { ".validate": false }
      }
    },
    "staff": {
      ".read": "auth.token.role == 'staff'",
      ".write": "auth.token.email_verified == true && newData.val().matches(/^[a-z]+$/)"
    },
    "posts": {
      ".read": "auth != null && query.orderByChild == 'owner' && query.equalTo == auth.uid",
      ".indexOn": ["owner"],
      "$id": {
        ".write": "auth != null && (!data.exists() || data.child('owner').val() == auth.uid)",
        ".validate": "newData.hasChildren(['owner', 'title']) && newData.child('owner').val() == auth.uid"
      }
    },
    "broken": { ".read": "auth.uid.size() > 0" }
  }
}`;

const logs: string[] = [];
let emulator: RunningDatabaseEmulator;
let env: RulesTestEnvironment;

before(async () => {
  emulator = await startDatabaseEmulator({ port: 0, log: (message) => logs.push(message) });
  env = await initializeTestEnvironment({
    projectId: "demo-rules",
    database: { host: "127.0.0.1", port: emulator.port, rules: RULES },
  });
});

after(async () => {
  await env.cleanup();
  await emulator.close();
});

test("users reach their own data and nobody else's", async () => {
  await env.withSecurityRulesDisabled(async (context) => {
    await context.database().ref("users/bob").set({ name: "Bob" });
    await context.database().ref("public/motd").set("hello");
  });
  const alice = env.authenticatedContext("alice").database();
  const anonymous = env.unauthenticatedContext().database();
  await assertSucceeds(alice.ref("users/alice").set({ name: "Alice", age: 30 }));
  assert.deepEqual((await assertSucceeds(alice.ref("users/alice").get())).val(), { name: "Alice", age: 30 });
  await assertFails(alice.ref("users/bob").get());
  await assertFails(alice.ref("users/bob/name").set("Mallory"));
  await assertFails(anonymous.ref("users/alice").get());
  assert.equal((await assertSucceeds(anonymous.ref("public/motd").get())).val(), "hello");
  await assertFails(anonymous.ref("public/motd").set("defaced"));
});

test("every .validate on written data must hold, deletes are not validated", async () => {
  const alice = env.authenticatedContext("alice").database();
  await assertFails(alice.ref("users/alice/name").set("x".repeat(21)));
  await assertFails(alice.ref("users/alice").update({ age: "thirty" }));
  await assertFails(alice.ref("users/alice").set({ name: "Alice", nickname: "Al" }));
  await assertSucceeds(alice.ref("users/alice").update({ age: 31 }));
  await assertSucceeds(alice.ref("users/alice/age").remove());
});

test("custom claims and email_verified are visible to rules", async () => {
  const staff = env.authenticatedContext("sam", { role: "staff", email_verified: true }).database();
  const customer = env.authenticatedContext("cus", { email_verified: false }).database();
  await assertSucceeds(staff.ref("staff").set("roster"));
  await assertFails(staff.ref("staff").set("Roster!")); // regex rejects it
  await assertFails(customer.ref("staff").set("roster"));
  assert.equal((await assertSucceeds(staff.ref("staff").get())).val(), "roster");
  await assertFails(customer.ref("staff").get());
});

test("query-based rules allow only the query they describe", async () => {
  const alice = env.authenticatedContext("alice").database();
  await assertSucceeds(alice.ref("posts/p1").set({ owner: "alice", title: "Mine" }));
  await assertFails(alice.ref("posts/p1").set({ owner: "bob", title: "Not mine" }));
  await env.withSecurityRulesDisabled((context) =>
    context.database().ref("posts/p2").set({ owner: "bob", title: "Bob's" }),
  );
  const mine = await assertSucceeds(alice.ref("posts").orderByChild("owner").equalTo("alice").get());
  assert.deepEqual(mine.val(), { p1: { owner: "alice", title: "Mine" } });
  await assertFails(alice.ref("posts").get());
});

test("a refused listen is cancelled with permission_denied", async () => {
  const anonymous = env.unauthenticatedContext().database();
  const error = await new Promise<Error>((resolve) => {
    anonymous.ref("users/alice").on("value", () => {}, resolve);
  });
  assert.match(error.message, /permission_denied/i);
});

test("a rule that fails to evaluate denies and is logged with its path and expression", async () => {
  const alice = env.authenticatedContext("alice").database();
  await assertFails(alice.ref("broken").get());
  assert.ok(
    logs.some((line) => line.includes("/broken") && line.includes("auth.uid.size() > 0")),
    `no rule error in logs: ${logs.join("\n")}`,
  );
});

test("rules reload through PUT /.settings/rules.json, and only the owner may do it", async () => {
  const url = `http://127.0.0.1:${emulator.port}/.settings/rules.json?ns=demo-rules`;
  const open = JSON.stringify({ rules: { ".read": true, ".write": false } });
  assert.equal((await fetch(url, { method: "PUT", body: open })).status, 401);
  const badRules = await fetch(url, {
    method: "PUT",
    body: '{"rules": {".read": "auth.uid =="}}',
    headers: { Authorization: "Bearer owner" },
  });
  assert.equal(badRules.status, 400);
  assert.match(((await badRules.json()) as { error: string }).error, /\/\.read/);
  const anonymous = env.unauthenticatedContext().database();
  await assertFails(anonymous.ref("users/bob").get());
  assert.equal(
    (await fetch(url, { method: "PUT", body: open, headers: { Authorization: "Bearer owner" } })).status,
    200,
  );
  assert.equal(await (await fetch(url, { headers: { Authorization: "Bearer owner" } })).text(), open);
  assert.deepEqual((await assertSucceeds(anonymous.ref("users/bob").get())).val(), { name: "Bob" });
  await fetch(url, { method: "PUT", body: RULES, headers: { Authorization: "Bearer owner" } });
});

test("an active listen is cancelled when new rules stop allowing it", async () => {
  const url = `http://127.0.0.1:${emulator.port}/.settings/rules.json?ns=demo-rules`;
  const anonymous = env.unauthenticatedContext().database();
  const cancelled = new Promise<Error>((resolve) => {
    anonymous.ref("public").on("value", () => {}, resolve);
  });
  await assertSucceeds(anonymous.ref("public").get());
  const locked = JSON.stringify({ rules: { ".read": false, ".write": false } });
  await fetch(url, { method: "PUT", body: locked, headers: { Authorization: "Bearer owner" } });
  assert.match((await cancelled).message, /permission_denied/i);
  await fetch(url, { method: "PUT", body: RULES, headers: { Authorization: "Bearer owner" } });
});

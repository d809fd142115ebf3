import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { afterEach, before, describe, it } from "node:test";
import { call } from "../testing/api-client.js";
import { clearRateLimits } from "../testing/contract/rate-limits.js";
import { hire, reportUsage, runtimeKey } from "../testing/hiring.js";
import { assertLedgerInvariants, walletBalance } from "../testing/ledger-invariants.js";
import { createAgent, freshStackWithUsers, publishActive } from "../testing/marketplace-fixtures.js";
import type { TestUser } from "../testing/people.js";
import { grantDof } from "../testing/wallets.js";

describe("hiring and metering", () => {
  let vendor: TestUser;
  let player: TestUser;
  let listingId: string;
  let key: string;

  before(async () => {
    let admin: TestUser;
    ({ vendor, player, admin } = await freshStackWithUsers({
      vendor: { vendor: true },
      admin: { admin: true },
      player: {},
    }));
    listingId = await createAgent(vendor.uid, {
      pricing: { hourlyDof: 600, dailyDof: 6_000, weeklyDof: 30_000 },
    });
    await publishActive(vendor, admin, listingId);
    key = await runtimeKey(vendor);
  });
  afterEach(async () => {
    await assertLedgerInvariants();
    // Each test makes many calls in a few seconds; the limits themselves are tested in api-keys.test.ts.
    await clearRateLimits();
  });

  async function wallet(person: TestUser) {
    return (await call("GET", "/profile/wallet", { token: person.idToken })).json;
  }

  it("reserves the price into escrow, and answers a retry with the same session", async () => {
    await grantDof(player.uid, 2_000);
    const idempotencyKey = randomUUID();
    const hired = await hire(player, listingId, { duration: "hourly", quantity: 2, idempotencyKey });
    assert.equal(hired.status, 201, JSON.stringify(hired.json));
    assert.equal(hired.json.kind, "hired");
    assert.equal(hired.json.status, "active");
    assert.equal(hired.json.escrowDof, 1_200);
    assert.equal(
      Date.parse(hired.json.expiresAt) - Date.parse(hired.json.startedAt),
      2 * 3_600_000,
      "two hours from the start",
    );
    assert.deepEqual(await wallet(player).then(({ balanceDof, escrowDof }) => ({ balanceDof, escrowDof })), {
      balanceDof: 800,
      escrowDof: 1_200,
    });
    const retried = await hire(player, listingId, { duration: "hourly", quantity: 2, idempotencyKey });
    assert.equal(retried.status, 201, "a retry gets the first answer again");
    assert.equal(retried.json.sessionId, hired.json.sessionId);
    assert.equal((await wallet(player)).balanceDof, 800);
    const changed = await hire(player, listingId, { duration: "hourly", quantity: 1, idempotencyKey });
    assert.equal(changed.status, 409);
  });

  it("answers 402 with the shortfall when the wallet cannot pay, and reserves nothing", async () => {
    const { balanceDof } = await wallet(player);
    const refused = await hire(player, listingId, { duration: "daily", quantity: 1 });
    assert.equal(refused.status, 402);
    assert.equal(refused.json.error.details.shortfallDof, 6_000 - balanceDof);
    assert.equal((await wallet(player)).balanceDof, balanceDof);
  });

  it("refuses hiring one's own agent, a listing that is not live, and silly quantities", async () => {
    assert.equal((await hire(vendor, listingId)).status, 412);
    assert.equal((await hire(player, "no-such-listing")).status, 404);
    const tooMany = await hire(player, listingId, { duration: "weekly", quantity: 14 });
    assert.equal(tooMany.status, 400);
    assert.equal(tooMany.json.error.details.issues[0].path, "body.quantity");
  });

  it("meters usage from the runtime once per event id, and ends the session when the escrow runs out", async () => {
    await grantDof(player.uid, 600);
    const hired = await hire(player, listingId, { duration: "hourly", quantity: 1 });
    assert.equal(hired.status, 201, JSON.stringify(hired.json));
    const { sessionId } = hired.json;
    const eventId = randomUUID();
    const first = await reportUsage(key, sessionId, {
      eventId,
      activeMinutes: 10,
      featureMinutes: { voice_chat: 10 },
    });
    assert.equal(first.status, 200, JSON.stringify(first.json));
    // Ten minutes at 600 an hour is 100, plus half again for voice chat.
    assert.equal(first.json.consumedDof, 150);
    assert.equal(first.json.remainingDof, 450);
    const repeated = await Promise.all(
      [1, 2, 3].map(() =>
        reportUsage(key, sessionId, { eventId, activeMinutes: 10, featureMinutes: { voice_chat: 10 } }),
      ),
    );
    assert.deepEqual(
      repeated.map((response) => response.json.consumedDof),
      [150, 150, 150],
    );
    const conflicting = await reportUsage(key, sessionId, { eventId, activeMinutes: 11 });
    assert.equal(conflicting.status, 409);

    const last = await reportUsage(key, sessionId, { activeMinutes: 60 });
    assert.equal(last.json.consumedDof, 600, "never more than the escrow");
    assert.equal(last.json.status, "ended");
    assert.equal(last.json.endReason, "escrow_exhausted");
    const late = await reportUsage(key, sessionId, { activeMinutes: 1 });
    assert.equal(late.status, 412);
  });

  it("lets only the agent's owner report usage, and only the hirer and owner see the session", async () => {
    await grantDof(player.uid, 600);
    const { sessionId } = (await hire(player, listingId)).json;
    const playersKey = await runtimeKey(player);
    assert.equal((await reportUsage(playersKey, sessionId, { activeMinutes: 1 })).status, 404);
    assert.equal((await call("GET", `/sessions/${sessionId}`, { apiKey: key })).status, 200);
    assert.equal((await call("GET", `/sessions/${sessionId}`, { token: player.idToken })).status, 200);
    const listed = await call("GET", "/sessions?role=owner&status=active", { apiKey: key });
    assert.ok(listed.json.items.some((item: { sessionId: string }) => item.sessionId === sessionId));
    const mine = await call("GET", "/sessions?status=active", { token: player.idToken });
    assert.ok(mine.json.items.some((item: { sessionId: string }) => item.sessionId === sessionId));
    assert.ok(
      mine.json.items.every(
        (item: { hirerUid: string; status: string }) =>
          item.hirerUid === player.uid && item.status === "active",
      ),
    );
    const ended = await call("GET", "/sessions?status=ended", { token: player.idToken });
    assert.ok(ended.json.items.every((item: { status: string }) => item.status === "ended"));
  });

  it("gives one free trial per listing, and owners free sessions on their own agents", async () => {
    const trial = await call("POST", "/sessions", {
      token: player.idToken,
      body: { kind: "trial", listingId, idempotencyKey: randomUUID() },
    });
    assert.equal(trial.status, 201, JSON.stringify(trial.json));
    assert.equal(trial.json.escrowDof, 0);
    assert.equal(Date.parse(trial.json.expiresAt) - Date.parse(trial.json.startedAt), 15 * 60_000);
    const again = await call("POST", "/sessions", {
      token: player.idToken,
      body: { kind: "trial", listingId, idempotencyKey: randomUUID() },
    });
    assert.equal(again.status, 409);
    const owned = await call("POST", "/sessions", {
      token: vendor.idToken,
      body: { kind: "owned", agentId: listingId, idempotencyKey: randomUUID() },
    });
    assert.equal(owned.status, 201);
    assert.equal(owned.json.kind, "owned");
    const notMine = await call("POST", "/sessions", {
      token: player.idToken,
      body: { kind: "owned", agentId: listingId, idempotencyKey: randomUUID() },
    });
    assert.equal(notMine.status, 404);
  });

  it("lets exactly as many of 100 concurrent hires through as the wallet can pay for", async () => {
    const { balanceDof } = await wallet(player);
    // Top the wallet up to exactly ten hours of this agent.
    if (balanceDof < 6_000) await grantDof(player.uid, 6_000 - balanceDof);
    else assert.equal(balanceDof, 6_000, "the scenario expects the wallet at or under 6,000");
    const results = await Promise.all(Array.from({ length: 100 }, () => hire(player, listingId)));
    const statuses = results.map((result) => result.status);
    assert.equal(statuses.filter((status) => status === 201).length, 10, statuses.join(" "));
    assert.equal(statuses.filter((status) => status === 402).length, 90, statuses.join(" "));
    const snapshot = await assertLedgerInvariants();
    assert.equal(walletBalance(snapshot, player.uid), 0);
  });
});

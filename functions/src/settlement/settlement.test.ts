import assert from "node:assert/strict";
import { afterEach, before, describe, it } from "node:test";
import { Timestamp } from "firebase-admin/firestore";
import { Collections } from "../common/collections.js";
import { call } from "../testing/api-client.js";
import { deliverEvent } from "../testing/deliver-event.js";
import { feedOf } from "../testing/feeds.js";
import { firestoreWrittenEvent } from "../testing/firestore-events.js";
import { hire, reportUsage, runSettlement, runtimeKey } from "../testing/hiring.js";
import { assertLedgerInvariants, earningsBalance, walletBalance } from "../testing/ledger-invariants.js";
import { createAgent, freshStackWithUsers, publishActive } from "../testing/marketplace-fixtures.js";
import type { TestUser } from "../testing/people.js";
import { admin, databaseValue, eventually } from "../testing/stack.js";
import { grantDof } from "../testing/wallets.js";

describe("settlement and the revenue split", () => {
  let vendor: TestUser;
  let creator: TestUser;
  let player: TestUser;
  let listingId: string;
  let key: string;

  before(async () => {
    let moderator: TestUser;
    ({ vendor, creator, player, moderator } = await freshStackWithUsers({
      vendor: { vendor: true },
      creator: {},
      player: {},
      moderator: { admin: true },
    }));
    listingId = await createAgent(vendor.uid, {
      pricing: { hourlyDof: 600, dailyDof: 6_000, weeklyDof: 30_000 },
    });
    // Someone else built this agent: they keep a creator's share of what it earns.
    await admin.db().collection(Collections.agents).doc(listingId).update({ creatorUid: creator.uid });
    await publishActive(vendor, moderator, listingId);
    key = await runtimeKey(vendor);
  });
  afterEach(async () => {
    await assertLedgerInvariants();
  });

  async function session(sessionId: string) {
    return (await call("GET", `/sessions/${sessionId}`, { token: player.idToken })).json;
  }

  async function settled(sessionId: string) {
    await runSettlement();
    return eventually("the session settled", async () => {
      const current = await session(sessionId);
      return current.status === "settled" ? current : undefined;
    });
  }

  it("pays the consumed DOF to owner, creator and platform, and gives the hirer the rest", async () => {
    await grantDof(player.uid, 1_200);
    const hired = await hire(player, listingId, {
      duration: "hourly",
      quantity: 2,
      configuration: { game: "valorant" },
    });
    const { sessionId } = hired.json;
    assert.equal((await reportUsage(key, sessionId, { activeMinutes: 30 })).json.consumedDof, 300);
    const ended = await call("DELETE", `/sessions/${sessionId}`, { token: player.idToken });
    assert.equal(ended.json.status, "ended");
    assert.equal(ended.json.endReason, "ended_by_hirer");

    const done = await settled(sessionId);
    assert.equal(done.consumedDof, 300);
    const snapshot = await assertLedgerInvariants();
    // 300 DOF split 70 / 10 / 20; the 900 unused go back.
    assert.equal(earningsBalance(snapshot, vendor.uid), 210);
    assert.equal(earningsBalance(snapshot, creator.uid), 30);
    assert.equal(snapshot.balances.get("platformRevenue"), 60);
    assert.equal(walletBalance(snapshot, player.uid), 900);
    const wallet = (await call("GET", "/profile/wallet", { token: player.idToken })).json;
    assert.equal(wallet.escrowDof, 0);
    assert.equal((await call("GET", "/profile/wallet", { token: vendor.idToken })).json.earnedDof, 210);

    const agent = (await admin.db().collection(Collections.agents).doc(listingId).get()).get("experience");
    assert.deepEqual(agent, { hoursByGame: { valorant: 0.5 }, totalHours: 0.5 });
    const { stats } = (await call("GET", `/marketplace/${listingId}`)).json;
    assert.deepEqual(
      { totalHires: stats.totalHires, recentHires: stats.recentHires },
      { totalHires: 1, recentHires: 1 },
    );
  });

  it("pays once however often settlement runs and its event is delivered", async () => {
    await grantDof(player.uid, 600);
    const { sessionId } = (await hire(player, listingId)).json;
    await reportUsage(key, sessionId, { activeMinutes: 7 });
    await call("DELETE", `/sessions/${sessionId}`, { token: player.idToken });
    await settled(sessionId);
    const before = await assertLedgerInvariants();
    const experience = (await admin.db().collection(Collections.agents).doc(listingId).get()).get(
      "experience",
    );

    const record = (await admin.db().collection(Collections.settlements).doc(sessionId).get()).data();
    const redelivered = firestoreWrittenEvent({
      document: `${Collections.settlements}/${sessionId}`,
      after: record,
    });
    const headers = { "Content-Type": "application/cloudevents+json" };
    await deliverEvent("splitRevenue", redelivered, headers);
    await deliverEvent("splitRevenue", redelivered, headers);
    await runSettlement();

    const after = await assertLedgerInvariants();
    assert.deepEqual(after.balances, before.balances);
    assert.equal(after.transactions.length, before.transactions.length);
    assert.deepEqual(
      (await admin.db().collection(Collections.agents).doc(listingId).get()).get("experience"),
      experience,
      "hours counted once",
    );
  });

  it("ends sessions whose time is over and returns their whole escrow when unused", async () => {
    await grantDof(player.uid, 6_000);
    const before = walletBalance(await assertLedgerInvariants(), player.uid);
    const { sessionId } = (await hire(player, listingId, { duration: "daily" })).json;
    await admin
      .db()
      .collection(Collections.sessions)
      .doc(sessionId)
      .update({ expiresAt: Timestamp.fromMillis(Date.now() - 1_000) });
    const done = await settled(sessionId);
    assert.equal(done.endReason, "expired");
    assert.equal(walletBalance(await assertLedgerInvariants(), player.uid), before);
  });

  it("tells hirer and owner in their feeds, and keeps the live meter where only they can read it", async () => {
    await grantDof(player.uid, 600);
    const { sessionId } = (await hire(player, listingId)).json;
    await reportUsage(key, sessionId, { activeMinutes: 6 });
    await call("DELETE", `/sessions/${sessionId}`, { token: player.idToken });
    await settled(sessionId);
    const live = await eventually("the live meter settled", async () => {
      const value = (await databaseValue(`liveSessions/${sessionId}`)) as {
        status: string;
        consumedDof: number;
        remainingDof: number;
      } | null;
      return value?.status === "settled" ? value : undefined;
    });
    assert.deepEqual(
      { consumedDof: live.consumedDof, remainingDof: live.remainingDof },
      { consumedDof: 60, remainingDof: 540 },
    );
    const mine = (await feedOf(player.uid)).filter((event) => event.data.sessionId === sessionId);
    assert.deepEqual(
      mine.map((event) => event.type),
      ["session.started", "session.dof_update", "session.ended", "session.settled"],
    );
    const owners = (await feedOf(vendor.uid)).filter((event) => event.data.sessionId === sessionId);
    assert.ok(owners.some((event) => event.type === "agent.hired"));
  });
});

import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { Timestamp } from "firebase-admin/firestore";
import { games } from "../agents/catalogue.js";
import { call, issuePaths } from "../testing/api-client.js";
import { createUsers, type TestUser } from "../testing/people.js";
import { admin, resetStack } from "../testing/stack.js";

const at = (iso: string) => Timestamp.fromDate(new Date(iso));

async function seed(nia: string, omar: string): Promise<void> {
  const db = admin.db();
  const batch = db.batch();
  const agent = (ownerUid: string, achievements: { id: string; title: string; earnedAt: Timestamp }[]) => ({
    ownerUid,
    experience: { hoursByGame: {}, totalHours: 0 },
    achievements,
    createdAt: Timestamp.now(),
  });
  batch.set(
    db.doc("agents/nia-a"),
    agent(nia, [{ id: "first-hour", title: "First hour on the job", earnedAt: at("2025-03-01T00:00:00Z") }]),
  );
  batch.set(
    db.doc("agents/nia-b"),
    agent(nia, [
      { id: "first-hour", title: "First hour on the job", earnedAt: at("2025-02-01T00:00:00Z") },
      { id: "ten-hours", title: "Ten hours in", earnedAt: at("2025-02-03T00:00:00Z") },
    ]),
  );
  batch.set(db.doc("agents/omar-a"), agent(omar, []));
  const earned = (agentId: string, ownerUid: string, badgeId: string, game: string | null, when: string) =>
    batch.set(db.doc(`earnedBadges/${agentId}_${badgeId}`), {
      agentId,
      ownerUid,
      badgeId,
      game,
      earnedAt: at(when),
      hoursAtAward: 10,
    });
  earned("nia-a", nia, "valorant-rookie", "valorant", "2025-01-01T00:00:00Z");
  earned("nia-a", nia, "valorant-veteran", "valorant", "2025-01-05T00:00:00Z");
  earned("nia-b", nia, "fortnite-rookie", "fortnite", "2025-01-03T00:00:00Z");
  earned("nia-b", nia, "marathon", null, "2025-01-04T00:00:00Z");
  earned("omar-a", omar, "valorant-rookie", "valorant", "2025-01-02T00:00:00Z");
  await batch.commit();
}

describe("badges and achievements: /v1/badges, /v1/badges/earned, /v1/achievements", () => {
  let nia: TestUser;
  let omar: TestUser;

  beforeEach(async () => {
    await resetStack();
    ({ nia, omar } = await createUsers({ nia: {}, omar: {} }));
    await seed(nia.uid, omar.uid);
  });

  it("shows anyone the badge catalogue, optionally for one game", async () => {
    const all = await call("GET", "/badges");
    assert.equal(all.status, 200);
    assert.equal(all.json.items.length, games.length * 3 + 2);
    const valorant = await call("GET", "/badges?game=valorant");
    assert.deepEqual(
      valorant.json.items.map((badge: { id: string }) => badge.id),
      ["valorant-rookie", "valorant-veteran", "valorant-legend"],
    );
    assert.deepEqual(valorant.json.items[1].requirement, { kind: "gameHours", game: "valorant", hours: 100 });
    assert.deepEqual(issuePaths(await call("GET", "/badges?game=chess")), ["query.game"]);
  });

  it("lists the badges of the caller's agents only, newest first, page by page", async () => {
    const first = await call("GET", "/badges/earned?limit=3", { token: nia.idToken });
    assert.equal(first.status, 200);
    assert.deepEqual(
      first.json.items.map((item: { badgeId: string }) => item.badgeId),
      ["valorant-veteran", "marathon", "fortnite-rookie"],
    );
    assert.equal(first.json.items[0].title, "Valorant Veteran");
    assert.equal(first.json.items[0].earnedAt, "2025-01-05T00:00:00.000Z");
    const second = await call("GET", `/badges/earned?limit=3&cursor=${first.json.nextCursor}`, {
      token: nia.idToken,
    });
    assert.deepEqual(
      second.json.items.map((item: { badgeId: string }) => item.badgeId),
      ["valorant-rookie"],
    );
    assert.equal(second.json.nextCursor, null);
  });

  it("narrows to one of the caller's agents, and hides other people's agents", async () => {
    const one = await call("GET", "/badges/earned?agentId=nia-b", { token: nia.idToken });
    assert.deepEqual(
      one.json.items.map((item: { badgeId: string }) => item.badgeId),
      ["marathon", "fortnite-rookie"],
    );
    assert.equal((await call("GET", "/badges/earned?agentId=omar-a", { token: nia.idToken })).status, 404);
    assert.equal((await call("GET", "/achievements?agentId=omar-a", { token: nia.idToken })).status, 404);
    assert.equal((await call("GET", "/badges/earned?agentId=nope", { token: nia.idToken })).status, 404);
    assert.equal((await call("GET", "/badges/earned?agentId=a/b", { token: nia.idToken })).status, 400);
  });

  it("answers the achievement catalogue with which of the caller's agents earned each", async () => {
    const response = await call("GET", "/achievements", { token: nia.idToken });
    assert.equal(response.status, 200);
    const byId = new Map(response.json.items.map((item: { id: string }) => [item.id, item]));
    assert.deepEqual((byId.get("first-hour") as { earnedBy: unknown }).earnedBy, [
      { agentId: "nia-b", earnedAt: "2025-02-01T00:00:00.000Z" },
      { agentId: "nia-a", earnedAt: "2025-03-01T00:00:00.000Z" },
    ]);
    assert.deepEqual((byId.get("ten-hours") as { earnedBy: unknown }).earnedBy, [
      { agentId: "nia-b", earnedAt: "2025-02-03T00:00:00.000Z" },
    ]);
    assert.deepEqual((byId.get("thousand-hours") as { earnedBy: unknown }).earnedBy, []);

    const one = await call("GET", "/achievements?agentId=nia-a", { token: nia.idToken });
    const earned = one.json.items.filter((item: { earnedBy: unknown[] }) => item.earnedBy.length > 0);
    assert.deepEqual(
      earned.map((item: { id: string }) => item.id),
      ["first-hour"],
    );
    const omars = await call("GET", "/achievements", { token: omar.idToken });
    assert.ok(omars.json.items.every((item: { earnedBy: unknown[] }) => item.earnedBy.length === 0));
  });

  it("needs a caller for earned badges and achievements; API keys need agents:read", async () => {
    for (const path of ["/badges/earned", "/achievements"])
      assert.equal((await call("GET", path)).status, 401);
    const key = async (scopes: string[]) =>
      (await call("POST", "/api-keys", { token: nia.idToken, body: { name: "k", scopes } })).json.key;
    const reader = await key(["agents:read"]);
    assert.equal((await call("GET", "/badges/earned", { apiKey: reader })).json.items.length, 4);
    assert.equal((await call("GET", "/achievements", { apiKey: reader })).status, 200);
    const market = await key(["marketplace:read"]);
    assert.equal((await call("GET", "/badges/earned", { apiKey: market })).status, 403);
    assert.equal((await call("GET", "/badges", { apiKey: market })).status, 200);
    assert.equal((await call("GET", "/badges", { apiKey: reader })).status, 403);
  });
});

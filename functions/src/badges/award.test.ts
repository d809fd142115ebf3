import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { beforeEach, describe, it } from "node:test";
import { Timestamp } from "firebase-admin/firestore";
import { deliverEvent } from "../testing/deliver-event.js";
import { admin, eventually, resetStack, stack } from "../testing/stack.js";

const headers = { "Content-Type": "application/cloudevents+json" };

/** A value in Firestore's REST JSON encoding, the form CloudEvents carry documents in. */
function restValue(value: unknown): Record<string, unknown> {
  if (value === null) return { nullValue: null };
  if (typeof value === "string") return { stringValue: value };
  if (typeof value === "boolean") return { booleanValue: value };
  if (typeof value === "number")
    return Number.isInteger(value) ? { integerValue: String(value) } : { doubleValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(restValue) } };
  return { mapValue: { fields: restFields(value as Record<string, unknown>) } };
}

function restFields(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, restValue(value)]));
}

/** A Firestore "document written" CloudEvent for `agents/{agentId}`, in structured JSON form. */
function agentWrittenEvent(agentId: string, before: Record<string, unknown>, after: Record<string, unknown>) {
  const time = new Date().toISOString();
  const document = `agents/${agentId}`;
  const name = `projects/${stack.projectId}/databases/(default)/documents/${document}`;
  const snapshot = (data: Record<string, unknown>) => ({
    name,
    fields: restFields(data),
    createTime: time,
    updateTime: time,
  });
  return {
    specversion: "1.0",
    id: randomUUID(),
    type: "google.cloud.firestore.document.v1.written",
    source: `//firestore.googleapis.com/projects/${stack.projectId}/databases/(default)`,
    subject: `documents/${document}`,
    time,
    datacontenttype: "application/json",
    project: stack.projectId,
    database: "(default)",
    namespace: "(default)",
    document,
    data: { oldValue: snapshot(before), value: snapshot(after) },
  };
}

const progress = (hoursByGame: Record<string, number>) => ({
  ownerUid: "owner-1",
  experience: { hoursByGame, totalHours: Object.values(hoursByGame).reduce((a, b) => a + b, 0) },
});

async function badgeIds(agentId: string): Promise<string[]> {
  const snapshot = await admin.db().collection("earnedBadges").where("agentId", "==", agentId).get();
  return snapshot.docs.map((doc) => doc.get("badgeId") as string).sort();
}

async function achievementIds(agentId: string): Promise<string[]> {
  const achievements = (await admin.db().doc(`agents/${agentId}`).get()).get("achievements") as {
    id: string;
  }[];
  return achievements.map((achievement) => achievement.id);
}

async function seedAgent(agentId: string): Promise<void> {
  await admin
    .db()
    .doc(`agents/${agentId}`)
    .set({ ...progress({}), achievements: [], createdAt: Timestamp.now() });
}

describe("Firestore trigger awardAgentBadges", () => {
  beforeEach(resetStack);

  it("awards badges and achievements when an agent's experience crosses thresholds", async () => {
    await seedAgent("agent-1");
    await admin
      .db()
      .doc("agents/agent-1")
      .update({ experience: { hoursByGame: { valorant: 12, fortnite: 3 }, totalHours: 15 } });

    const achievements = await eventually("achievements on the agent", async () => {
      const ids = await achievementIds("agent-1");
      return ids.length === 2 ? ids : undefined;
    });
    assert.deepEqual(achievements, ["first-hour", "ten-hours"]);
    const earned = await admin.db().doc("earnedBadges/agent-1_valorant-rookie").get();
    assert.deepEqual(
      { ...earned.data(), earnedAt: undefined },
      {
        agentId: "agent-1",
        ownerUid: "owner-1",
        badgeId: "valorant-rookie",
        game: "valorant",
        earnedAt: undefined,
        hoursAtAward: 12,
      },
    );
    assert.deepEqual(await badgeIds("agent-1"), ["valorant-rookie"]);
  });

  it("applies a redelivered or older event once, and finds nothing new in its own write-back", async () => {
    await seedAgent("agent-2");
    const crossing = agentWrittenEvent("agent-2", progress({}), progress({ "dota-2": 150 }));
    await deliverEvent("awardAgentBadges", crossing, headers);
    assert.deepEqual(await badgeIds("agent-2"), ["dota-2-rookie", "dota-2-veteran"]);
    assert.deepEqual(await achievementIds("agent-2"), ["first-hour", "ten-hours", "hundred-hours"]);
    const awarded = await admin.db().doc("agents/agent-2").get();

    await deliverEvent("awardAgentBadges", crossing, headers);
    const older = agentWrittenEvent("agent-2", progress({}), progress({ "dota-2": 20 }));
    await deliverEvent("awardAgentBadges", older, headers);
    // The trigger's own write-back changes achievements only: the same experience before and after.
    const writeBack = agentWrittenEvent("agent-2", progress({ "dota-2": 150 }), progress({ "dota-2": 150 }));
    await deliverEvent("awardAgentBadges", writeBack, headers);

    assert.deepEqual(await badgeIds("agent-2"), ["dota-2-rookie", "dota-2-veteran"]);
    assert.deepEqual(await achievementIds("agent-2"), ["first-hour", "ten-hours", "hundred-hours"]);
    const after = await admin.db().doc("agents/agent-2").get();
    assert.ok(after.updateTime?.isEqual(awarded.updateTime as Timestamp), "no further write to the agent");
  });

  it("keeps what was earned when hours drop, and awards nothing for a deleted agent", async () => {
    await seedAgent("agent-3");
    await deliverEvent(
      "awardAgentBadges",
      agentWrittenEvent("agent-3", progress({}), progress({ minecraft: 10 })),
      headers,
    );
    await deliverEvent(
      "awardAgentBadges",
      agentWrittenEvent("agent-3", progress({ minecraft: 10 }), progress({ minecraft: 2 })),
      headers,
    );
    assert.deepEqual(await badgeIds("agent-3"), ["minecraft-rookie"]);

    const ghost = agentWrittenEvent("agent-gone", progress({}), progress({ valorant: 600 }));
    await deliverEvent("awardAgentBadges", ghost, headers);
    assert.deepEqual(await badgeIds("agent-gone"), []);
  });
});

import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { Timestamp } from "firebase-admin/firestore";
import { LocalScheduler } from "../../../emulators/src/scheduler/local-scheduler.js";
import { waitForSignupsCounted } from "../testing/signups.js";
import { admin, eventually, resetStack, stack } from "../testing/stack.js";

async function addProfile(uid: string, createdAt: string): Promise<void> {
  await admin
    .db()
    .doc(`users/${uid}`)
    .set({ uid, createdAt: Timestamp.fromDate(new Date(createdAt)) });
}

async function dailyStats(day: string) {
  const snapshot = await admin.db().doc(`dailyStats/${day}`).get();
  return snapshot.data();
}

describe("Scheduled function rollUpDailyStats", () => {
  beforeEach(async () => {
    await resetStack();
    await addProfile("yesterday-1", "2026-02-28T09:00:00Z");
    await addProfile("yesterday-2", "2026-02-28T23:59:59Z");
    await addProfile("today", "2026-03-01T00:00:00Z");
    await waitForSignupsCounted(3);
  });

  it("rolls up the previous UTC day when fired on demand through the local scheduler", async () => {
    const url = `${stack.schedulerUrl}/jobs/rollUpDailyStats:run?scheduleTime=2026-03-01T00:05:00Z`;
    const response = await fetch(url, { method: "POST" });
    assert.equal(response.status, 200, await response.clone().text());
    const stats = await dailyStats("2026-02-28");
    assert.equal(stats?.signups, 2);
    assert.equal(stats?.totalUsers, 3);
  });

  it("is fired by the local scheduler at its scheduled time, not before", async () => {
    // The scheduler's clock reads 00:04:59.4 UTC when the test starts and runs in real time from there.
    const scheduledAt = Date.parse("2026-03-01T00:05:00Z");
    const shift = scheduledAt - 600 - Date.now();
    const scheduler = new LocalScheduler({
      functionsOrigin: stack.functionsUrl,
      projectId: stack.projectId,
      clock: () => new Date(Date.now() + shift),
    });
    await scheduler.refresh();
    const job = scheduler.list().find((state) => state.job.name === "rollUpDailyStats");
    assert.equal(job?.nextRunAt?.toISOString(), "2026-03-01T00:05:00.000Z");

    await scheduler.runDue();
    assert.equal(await dailyStats("2026-02-28"), undefined, "nothing runs before its time");

    scheduler.start();
    try {
      const stats = await eventually("the scheduled run", () => dailyStats("2026-02-28"), 10_000);
      assert.equal(stats.signups, 2);
      // The document can land a moment before the emulator answers the scheduler's request.
      const lastRun = await eventually("the run's outcome", async () => {
        return scheduler.list().find((state) => state.job.name === "rollUpDailyStats")?.lastRun;
      });
      assert.equal(lastRun.scheduledFor, "2026-03-01T00:05:00.000Z");
      assert.equal(lastRun.status, "succeeded");
    } finally {
      scheduler.stop();
    }
  });

  it("reports an unknown function as 404", async () => {
    const response = await fetch(`${stack.schedulerUrl}/jobs/noSuchJob:run`, { method: "POST" });
    assert.equal(response.status, 404);
  });
});

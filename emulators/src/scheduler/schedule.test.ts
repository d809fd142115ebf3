import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultTimeZone, nextRunAfter } from "./schedule.js";

const at = (iso: string) => new Date(iso);

describe("nextRunAfter", () => {
  it("finds the next daily run in the schedule's time zone", () => {
    const schedule = { expression: "5 0 * * *", timeZone: "UTC" };
    assert.equal(
      nextRunAfter(schedule, at("2026-11-23T22:00:00Z")).toISOString(),
      "2026-11-24T00:05:00.000Z",
    );
  });

  it("is strictly after the given time, so a run at its own time is not repeated", () => {
    const schedule = { expression: "5 0 * * *", timeZone: "UTC" };
    assert.equal(
      nextRunAfter(schedule, at("2026-11-24T00:05:00Z")).toISOString(),
      "2026-11-25T00:05:00.000Z",
    );
  });

  it("honours time zones other than UTC", () => {
    const schedule = { expression: "0 9 * * *", timeZone: "America/Los_Angeles" };
    assert.equal(
      nextRunAfter(schedule, at("2026-11-23T12:00:00Z")).toISOString(),
      "2026-11-23T17:00:00.000Z",
    );
  });

  it("understands the App Engine interval syntax", () => {
    const every15 = { expression: "every 15 minutes", timeZone: "UTC" };
    assert.equal(nextRunAfter(every15, at("2026-11-23T10:07:00Z")).toISOString(), "2026-11-23T10:15:00.000Z");
    const every2h = { expression: "every 2 hours", timeZone: "UTC" };
    assert.equal(nextRunAfter(every2h, at("2026-11-23T10:07:00Z")).toISOString(), "2026-11-23T12:00:00.000Z");
    const daily = { expression: "every day 03:30", timeZone: "UTC" };
    assert.equal(nextRunAfter(daily, at("2026-11-23T10:07:00Z")).toISOString(), "2026-11-24T03:30:00.000Z");
  });

  it("refuses a schedule it cannot honour instead of guessing", () => {
    assert.throws(
      () => nextRunAfter({ expression: "every monday 09:00", timeZone: "UTC" }, new Date()),
      /not supported/,
    );
  });

  it("uses Cloud Scheduler's default time zone per function generation", () => {
    assert.equal(defaultTimeZone("gcfv2"), "UTC");
    assert.equal(defaultTimeZone("gcfv1"), "America/Los_Angeles");
  });
});

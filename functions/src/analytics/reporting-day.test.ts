import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { reportingDayFor } from "./reporting-day.js";

describe("reportingDayFor", () => {
  it("reports the UTC day that ended before the scheduled run", () => {
    const day = reportingDayFor(new Date("2026-03-01T00:05:00Z"));
    assert.equal(day.day, "2026-02-28");
    assert.equal(day.start.toISOString(), "2026-02-28T00:00:00.000Z");
    assert.equal(day.end.toISOString(), "2026-03-01T00:00:00.000Z");
  });

  it("keys on the scheduled time, so a run late in the day still reports the previous day", () => {
    assert.equal(reportingDayFor(new Date("2026-12-31T23:59:59Z")).day, "2026-12-30");
  });

  it("crosses year boundaries", () => {
    assert.equal(reportingDayFor(new Date("2027-01-01T00:05:00Z")).day, "2026-12-31");
  });
});

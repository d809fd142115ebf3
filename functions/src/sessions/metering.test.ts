import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { addUsage, consumedDof, noUsage } from "./metering.js";

describe("metering", () => {
  it("charges active minutes at the hourly price, rounding down once over the session", () => {
    let usage = noUsage;
    for (let minute = 0; minute < 60; minute++)
      usage = addUsage(usage, { activeMinutes: 1, featureMinutes: {} });
    // 500 DOF an hour is 8.33 a minute: sixty one-minute reports cost the hour, not 60 × 8.
    assert.equal(consumedDof(usage, 500, 10_000), 500);
    assert.equal(consumedDof(addUsage(noUsage, { activeMinutes: 1, featureMinutes: {} }), 500, 10_000), 8);
  });

  it("adds each priced feature's surcharge for the minutes it was on", () => {
    const usage = addUsage(noUsage, {
      activeMinutes: 60,
      featureMinutes: { voice_chat: 60, high_speed_vision: 30 },
    });
    // 500 base + 250 voice chat (50%) + 250 for half an hour of vision (100%).
    assert.equal(consumedDof(usage, 500, 10_000), 1_000);
  });

  it("never consumes more than the escrow", () => {
    const usage = addUsage(noUsage, { activeMinutes: 600, featureMinutes: {} });
    assert.equal(consumedDof(usage, 500, 1_200), 1_200);
  });
});

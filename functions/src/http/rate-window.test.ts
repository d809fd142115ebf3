import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { admitRequest, rateWindowMs, windowOf } from "./rate-window.js";

describe("rate windows: clock-aligned minutes", () => {
  const minuteStart = 28_333_333 * rateWindowMs;

  it("admits requests up to the limit, then asks the caller to wait for the next minute", () => {
    for (let counted = 0; counted < 3; counted++)
      assert.deepEqual(admitRequest(counted, 3, minuteStart + 1), { allowed: true });
    assert.deepEqual(admitRequest(3, 3, minuteStart + 19_000), { allowed: false, retryAfterSeconds: 41 });
  });

  it("never asks to wait less than a second", () => {
    assert.deepEqual(admitRequest(5, 5, minuteStart + rateWindowMs - 10), {
      allowed: false,
      retryAfterSeconds: 1,
    });
  });

  it("starts a new window, with its own counter, on the minute", () => {
    const before = windowOf(minuteStart + rateWindowMs - 1);
    const after = windowOf(minuteStart + rateWindowMs);
    assert.equal(after.index, before.index + 1);
    assert.equal(before.endsAtMs, minuteStart + rateWindowMs);
  });
});

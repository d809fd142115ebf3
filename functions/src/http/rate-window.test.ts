import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { admitRequest, type RateWindow, rateWindowMs } from "./rate-window.js";

describe("admitRequest: one-minute fixed windows", () => {
  const start = 1_700_000_000_000;

  it("opens a window on the first request and counts up to the limit", () => {
    let window: RateWindow | undefined;
    for (let count = 1; count <= 3; count++) {
      const decision = admitRequest(window, 3, start + count);
      assert.ok(decision.allowed);
      assert.equal(decision.next.count, count);
      assert.equal(decision.next.windowStartMs, start + 1);
      window = decision.next;
    }
    const refused = admitRequest(window, 3, start + 20_000);
    assert.deepEqual(refused, { allowed: false, retryAfterSeconds: 41 });
  });

  it("never asks to wait less than a second, and starts afresh when the window is over", () => {
    const full = { windowStartMs: start, count: 5 };
    assert.deepEqual(admitRequest(full, 5, start + rateWindowMs - 10), {
      allowed: false,
      retryAfterSeconds: 1,
    });
    assert.deepEqual(admitRequest(full, 5, start + rateWindowMs), {
      allowed: true,
      next: { windowStartMs: start + rateWindowMs, count: 1 },
    });
  });

  it("treats a window from the future (clock skew between instances) as over", () => {
    const decision = admitRequest({ windowStartMs: start + 5000, count: 9 }, 5, start);
    assert.deepEqual(decision, { allowed: true, next: { windowStartMs: start, count: 1 } });
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Timestamp } from "firebase-admin/firestore";
import { AppError } from "../common/errors.js";
import { nextStatus, type StatusChange, withEntry } from "./moderation.js";
import { type ListingStatus, type ModerationEntry, ListingStatus as Statuses } from "./schemas.js";

const all: (ListingStatus | null)[] = [null, ...Statuses.options];

function outcome(current: ListingStatus | null, change: StatusChange): string {
  try {
    return nextStatus(current, change);
  } catch (error) {
    assert.ok(error instanceof AppError);
    return `${error.status}`;
  }
}

function table(change: StatusChange): Record<string, string> {
  return Object.fromEntries(all.map((status) => [String(status), outcome(status, change)]));
}

describe("listing state machine (pure)", () => {
  it("sends a vendor's first publication to review and later ones live; never out of suspension", () => {
    assert.deepEqual(table({ action: "publish", ownerApproved: false }), {
      null: "under_review",
      active: "under_review",
      paused: "under_review",
      under_review: "under_review",
      suspended: "409",
      unpublished: "under_review",
    });
    assert.deepEqual(table({ action: "publish", ownerApproved: true }), {
      null: "active",
      active: "active",
      paused: "active",
      under_review: "active",
      suspended: "409",
      unpublished: "active",
    });
  });

  it("lets the owner unpublish anything but a suspended listing, repeatedly", () => {
    assert.deepEqual(table({ action: "unpublish" }), {
      null: "409",
      active: "unpublished",
      paused: "unpublished",
      under_review: "unpublished",
      suspended: "409",
      unpublished: "unpublished",
    });
  });

  it("approves and rejects only listings under review", () => {
    const approve = table({ action: "approve" });
    const reject = table({ action: "reject" });
    for (const status of all) {
      const expected = status === "under_review";
      assert.equal(approve[String(status)], expected ? "active" : "409");
      assert.equal(reject[String(status)], expected ? "unpublished" : "409");
    }
  });

  it("suspends anything once", () => {
    assert.equal(table({ action: "suspend" }).suspended, "409");
    for (const status of ["active", "paused", "under_review", "unpublished"] as const)
      assert.equal(nextStatus(status, { action: "suspend" }), "suspended");
  });

  it("names the current status and the action in a refusal", () => {
    assert.throws(
      () => nextStatus("active", { action: "approve" }),
      (error: unknown) =>
        error instanceof AppError &&
        error.code === "conflict" &&
        error.details.status === "active" &&
        error.details.action === "approve",
    );
  });

  it("keeps the newest 50 history entries", () => {
    const at = Timestamp.fromMillis(0);
    const entry = (n: number): ModerationEntry => ({
      action: "publish",
      actor: "owner",
      byUid: `u${n}`,
      at,
      fromStatus: null,
      toStatus: "under_review",
      reason: null,
    });
    let history: ModerationEntry[] = [];
    for (let n = 0; n < 60; n++) history = withEntry(history, entry(n));
    assert.equal(history.length, 50);
    assert.equal(history[0]?.byUid, "u10");
    assert.equal(history.at(-1)?.byUid, "u59");
  });
});

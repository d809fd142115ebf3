import { AppError } from "../common/errors.js";
import { type ListingStatus, type ModerationEntry, maxModerationEntries } from "./schemas.js";

/** A change of status someone asks for; `feature`/`unfeature` do not change status and are not here. */
export type StatusChange =
  /** `ownerApproved`: some listing of the owner's was approved before, so this one skips review. */
  | { action: "publish"; ownerApproved: boolean }
  | { action: "unpublish" }
  | { action: "approve" }
  | { action: "reject" }
  | { action: "suspend" };

const refusal = (current: ListingStatus | null, action: StatusChange["action"], why: string) =>
  new AppError("conflict", why, { status: current, action });

/**
 * The listing state machine. `current` is null for an agent never published.
 *
 * - publish: from anything but `suspended` → `active` when the owner has an approved listing, else
 *   `under_review` (a vendor's first listing is reviewed by a person).
 * - unpublish: `active`, `paused`, `under_review` → `unpublished`; `unpublished` stays (idempotent).
 * - approve: `under_review` → `active`. reject: `under_review` → `unpublished` (with a reason).
 * - suspend: anything but `suspended` → `suspended`. Nothing leaves `suspended` through these actions, so an
 *   owner cannot unpublish and republish their way out of a suspension.
 *
 * Refused changes throw `conflict` (409) naming the current status.
 */
export function nextStatus(current: ListingStatus | null, change: StatusChange): ListingStatus {
  switch (change.action) {
    case "publish":
      if (current === "suspended")
        throw refusal(current, change.action, "This listing is suspended and cannot be republished.");
      return change.ownerApproved ? "active" : "under_review";
    case "unpublish":
      if (current === null) throw refusal(current, change.action, "This agent was never published.");
      if (current === "suspended")
        throw refusal(current, change.action, "A suspended listing cannot be unpublished by its owner.");
      return "unpublished";
    case "approve":
    case "reject":
      if (current !== "under_review")
        throw refusal(current, change.action, `Only a listing under review can be ${change.action}d.`);
      return change.action === "approve" ? "active" : "unpublished";
    case "suspend":
      if (current === "suspended")
        throw refusal(current, change.action, "This listing is already suspended.");
      return "suspended";
  }
}

/** The history with `entry` appended, keeping the newest {@link maxModerationEntries}. */
export function withEntry(history: ModerationEntry[], entry: ModerationEntry): ModerationEntry[] {
  return [...history, entry].slice(-maxModerationEntries);
}

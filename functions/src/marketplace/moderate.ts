import { type DocumentReference, Timestamp, type Transaction } from "firebase-admin/firestore";
import { agentRef } from "../agents/repo.js";
import type { Agent } from "../agents/schemas.js";
import { AppError } from "../common/errors.js";
import { db } from "../common/firebase.js";
import { nextStatus, withEntry } from "./moderation.js";
import { listingRef } from "./repo.js";
import type { Listing, ListingStatus, ModerationAction } from "./schemas.js";

export type AdminDecision =
  | { action: "approve" }
  | { action: "reject"; reason: string }
  | { action: "suspend"; reason: string };

/**
 * Reads a listing and its agent in a transaction, lets `change` compute the new listing (or undefined for
 * no change), then writes it and mirrors its status onto the agent. A listing whose agent is gone is still
 * moderated; there is just nothing to mirror.
 */
async function changeListing(
  listingId: string,
  change: (listing: Listing) => Listing | undefined,
): Promise<Listing> {
  const listingDoc = listingRef(listingId);
  return db().runTransaction(async (transaction: Transaction) => {
    const listing = (await transaction.get(listingDoc)).data();
    if (!listing) throw new AppError("notFound", "No such listing.");
    const agentDoc: DocumentReference<Agent> = agentRef(listing.agentId);
    const agentExists = (await transaction.get(agentDoc)).exists;
    const changed = change(listing);
    if (!changed) return listing;
    transaction.set(listingDoc, changed);
    if (agentExists && changed.status !== listing.status)
      transaction.update(agentDoc, { listingStatus: changed.status });
    return changed;
  });
}

function entry(
  action: ModerationAction,
  adminUid: string,
  now: Timestamp,
  from: ListingStatus,
  to: ListingStatus,
  reason: string | null,
) {
  return {
    action,
    actor: "admin" as const,
    byUid: adminUid,
    at: now,
    fromStatus: from,
    toStatus: to,
    reason,
  };
}

/**
 * Approves, rejects or suspends a listing (an admin's decision), following the state machine in
 * moderation.ts: approve and reject only from `under_review`, suspend from anything not yet suspended;
 * otherwise 409. Rejection and suspension keep their reason for the owner to read.
 */
export function decideListing(
  listingId: string,
  decision: AdminDecision,
  adminUid: string,
  now = Timestamp.now(),
): Promise<Listing> {
  return changeListing(listingId, (listing) => {
    const status = nextStatus(listing.status, decision);
    const reason = decision.action === "approve" ? null : decision.reason;
    const approved = decision.action === "approve";
    return {
      ...listing,
      status,
      statusReason: reason,
      everApproved: listing.everApproved || approved,
      publishedAt: approved ? now : listing.publishedAt,
      moderation: withEntry(
        listing.moderation,
        entry(decision.action, adminUid, now, listing.status, status, reason),
      ),
      updatedAt: now,
    };
  });
}

/**
 * Pins a listing to the top of the featured list, or unpins it. Only an active listing can be pinned (409
 * otherwise); pinning a pinned listing keeps its original pin time and unpinning an unpinned one changes
 * nothing, so both are safe to repeat.
 */
export function pinListing(
  listingId: string,
  pinned: boolean,
  adminUid: string,
  now = Timestamp.now(),
): Promise<Listing> {
  return changeListing(listingId, (listing) => {
    if (pinned && listing.status !== "active")
      throw new AppError("conflict", "Only an active listing can be featured.", {
        status: listing.status,
        action: "feature",
      });
    if ((listing.pinnedAt !== null) === pinned) return undefined;
    const action = pinned ? "feature" : "unfeature";
    return {
      ...listing,
      pinnedAt: pinned ? now : null,
      moderation: withEntry(
        listing.moderation,
        entry(action, adminUid, now, listing.status, listing.status, null),
      ),
      updatedAt: now,
    };
  });
}

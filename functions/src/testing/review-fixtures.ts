import assert from "node:assert/strict";
import { Collections } from "../common/collections.js";
import { type ApiResponse, call } from "./api-client.js";
import { createAgent, freshStackWithUsers, publishActive } from "./marketplace-fixtures.js";
import type { TestUser } from "./people.js";
import { createEndedHire, type HireSpec } from "./session-fixtures.js";
import { admin, eventually } from "./stack.js";

export interface ReviewScene {
  people: Record<"Vendor" | "Hirer" | "Second" | "Moderator", TestUser>;
  /** The vendor's active listing (its id is the agent's). */
  listingId: string;
}

/** A fresh stack with a vendor's active listing, two players who may hire it, and a moderator. */
export async function reviewScene(): Promise<ReviewScene> {
  const people = await freshStackWithUsers({
    Vendor: { vendor: true },
    Hirer: {},
    Second: {},
    Moderator: { admin: true },
  });
  const listingId = await createAgent(people.Vendor.uid, { name: "Aim Coach" });
  await publishActive(people.Vendor, people.Moderator, listingId);
  return { people, listingId };
}

/** An ended hire of the scene's listing by `hirer`. */
export function hireOf(scene: ReviewScene, hirer: TestUser, spec: Partial<HireSpec> = {}): Promise<string> {
  return createEndedHire({
    hirerUid: hirer.uid,
    listingId: scene.listingId,
    ownerUid: scene.people.Vendor.uid,
    ...spec,
  });
}

export function postReview(user: TestUser, sessionId: string, body: unknown): Promise<ApiResponse> {
  return call("POST", `/sessions/${sessionId}/review`, { token: user.idToken, body });
}

/** Posts a review that must be accepted, and returns its id. */
export async function reviewed(user: TestUser, sessionId: string, rating: number): Promise<string> {
  const response = await postReview(user, sessionId, { rating, comment: `Worth ${rating} stars.` });
  assert.equal(response.status, 201, JSON.stringify(response.json));
  return response.json.reviewId;
}

export interface ListingRating {
  rating: number;
  ratingCount: number;
}

/** Waits until the reviews trigger has brought the listing's stats to `expected`, and returns them all. */
export async function ratingBecomes(listingId: string, expected: ListingRating) {
  const ref = admin.db().collection(Collections.listings).doc(listingId);
  return eventually(`listing ${listingId} rated ${JSON.stringify(expected)}`, async () => {
    const snapshot = await ref.get();
    const stats = snapshot.get("stats");
    return stats.rating === expected.rating && stats.ratingCount === expected.ratingCount
      ? { stats, featuredScore: snapshot.get("featuredScore") as number, updateTime: snapshot.updateTime }
      : undefined;
  });
}

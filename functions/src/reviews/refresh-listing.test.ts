import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import type { Timestamp } from "firebase-admin/firestore";
import { Collections } from "../common/collections.js";
import { deliverEvent } from "../testing/deliver-event.js";
import { feedOf } from "../testing/feeds.js";
import { firestoreWrittenEvent } from "../testing/firestore-events.js";
import { assertLedgerInvariants } from "../testing/ledger-invariants.js";
import {
  hireOf,
  type ReviewScene,
  ratingBecomes,
  reviewed,
  reviewScene,
} from "../testing/review-fixtures.js";
import { admin, eventually } from "../testing/stack.js";
import { averageRating } from "./refresh-listing.js";
import { recount } from "./vote.js";

const headers = { "Content-Type": "application/cloudevents+json" };

async function reviewData(reviewId: string): Promise<Record<string, unknown>> {
  const data = (await admin.db().collection(Collections.reviews).doc(reviewId).get()).data();
  assert.ok(data, `review ${reviewId} exists`);
  return data;
}

async function feedSettles(uid: string, size: number) {
  return eventually(`${size} events in the feed`, async () => {
    const feed = await feedOf(uid, "marketplace.");
    return feed.length === size ? feed : undefined;
  });
}

// Reviews move no DOF: the ledger stays whole through every scenario here too.
afterEach(async () => {
  await assertLedgerInvariants();
});

describe("Firestore trigger onReviewWritten", () => {
  let scene: ReviewScene;
  beforeEach(async () => {
    scene = await reviewScene();
  });

  it("leaves stats, featured reviews and the owner's feed unchanged when an event is delivered again", async () => {
    const { Hirer, Second, Vendor } = scene.people;
    const first = await reviewed(Hirer, await hireOf(scene, Hirer), 5);
    await ratingBecomes(scene.listingId, { rating: 5, ratingCount: 1 });
    await reviewed(Second, await hireOf(scene, Second), 4);
    const settled = await ratingBecomes(scene.listingId, { rating: 4.5, ratingCount: 2 });
    const feed = await feedSettles(Vendor.uid, 4);
    const summary = admin.db().collection(Collections.reviewSummaries).doc(scene.listingId);
    const summaryBefore = await summary.get();

    // The first review's creation, delivered twice more, now that a newer review has been counted.
    const creation = firestoreWrittenEvent({
      document: `${Collections.reviews}/${first}`,
      after: await reviewData(first),
    });
    await deliverEvent("onReviewWritten", creation, headers);
    await deliverEvent("onReviewWritten", creation, headers);

    const listing = await admin.db().collection(Collections.listings).doc(scene.listingId).get();
    assert.deepEqual(listing.get("stats"), settled.stats);
    assert.ok(
      listing.updateTime?.isEqual(settled.updateTime as Timestamp),
      "no further write to the listing",
    );
    assert.ok((await summary.get()).updateTime?.isEqual(summaryBefore.updateTime as Timestamp));
    assert.deepEqual(
      (await feedOf(Vendor.uid, "marketplace.")).map((event) => event.key),
      feed.map((event) => event.key),
    );
  });

  it("recomputes from the reviews, so an older event after a newer one cannot move the rating back", async () => {
    const { Hirer, Second, Vendor } = scene.people;
    await reviewed(Hirer, await hireOf(scene, Hirer), 5);
    const second = await reviewed(Second, await hireOf(scene, Second), 4);
    await ratingBecomes(scene.listingId, { rating: 4.5, ratingCount: 2 });
    const secondData = await reviewData(second);

    // The review is removed (by an admin, in the console): the rating returns to the remaining one's.
    await admin.db().collection(Collections.reviews).doc(second).delete();
    await ratingBecomes(scene.listingId, { rating: 5, ratingCount: 1 });
    const removal = await eventually("the owner told of the new rating", async () =>
      (await feedOf(Vendor.uid, "marketplace.")).find(
        (event) => event.type === "marketplace.rating_updated" && event.data.ratingCount === 1,
      ),
    );
    assert.equal(removal.data.rating, 5);

    // The removed review's creation arrives late: the stats stay where the reviews say.
    const late = firestoreWrittenEvent({ document: `${Collections.reviews}/${second}`, after: secondData });
    await deliverEvent("onReviewWritten", late, headers);
    const stats = (await admin.db().collection(Collections.listings).doc(scene.listingId).get()).get("stats");
    assert.equal(stats.rating, 5);
    assert.equal(stats.ratingCount, 1);
  });

  it("ignores a review whose listing is gone", async () => {
    const { Hirer } = scene.people;
    const reviewId = await reviewed(Hirer, await hireOf(scene, Hirer, { listingId: "gone" }), 5);
    const event = firestoreWrittenEvent({
      document: `${Collections.reviews}/${reviewId}`,
      after: await reviewData(reviewId),
    });
    await deliverEvent("onReviewWritten", event, headers);
    assert.equal((await admin.db().collection(Collections.listings).doc("gone").get()).exists, false);
    assert.equal((await admin.db().collection(Collections.reviewSummaries).doc("gone").get()).exists, false);
  });
});

describe("Rating and vote arithmetic", () => {
  it("averages integer ratings to two decimals, 0 when there are none", () => {
    assert.equal(averageRating(0, 0), 0);
    assert.equal(averageRating(9, 2), 4.5);
    assert.equal(averageRating(13, 3), 4.33);
    assert.equal(averageRating(14, 3), 4.67);
  });

  it("moves one vote between the counts and keeps helpfulness their difference", () => {
    const none = { helpfulCount: 0, notHelpfulCount: 0, helpfulness: 0 };
    const up = recount(none, null, true);
    assert.deepEqual(up, { helpfulCount: 1, notHelpfulCount: 0, helpfulness: 1 });
    assert.deepEqual(recount(up, true, true), up);
    const flipped = recount(up, true, false);
    assert.deepEqual(flipped, { helpfulCount: 0, notHelpfulCount: 1, helpfulness: -1 });
    assert.deepEqual(recount(flipped, false, null), none);
  });
});

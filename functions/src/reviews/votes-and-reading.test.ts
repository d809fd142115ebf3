import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { Collections } from "../common/collections.js";
import { call, errorCode } from "../testing/api-client.js";
import { assertLedgerInvariants } from "../testing/ledger-invariants.js";
import {
  hireOf,
  type ReviewScene,
  ratingBecomes,
  reviewed,
  reviewScene,
} from "../testing/review-fixtures.js";
import { admin, eventually } from "../testing/stack.js";

function vote(token: string, reviewId: string, helpful: boolean) {
  return call("POST", `/reviews/${reviewId}/votes`, { token, body: { helpful } });
}

async function counts(reviewId: string) {
  const response = await call("GET", `/reviews/${reviewId}`);
  assert.equal(response.status, 200, JSON.stringify(response.json));
  return { helpful: response.json.helpfulCount, notHelpful: response.json.notHelpfulCount };
}

// Reviews move no DOF: the ledger stays whole through every scenario here too.
afterEach(async () => {
  await assertLedgerInvariants();
});

describe("Review votes and reading", () => {
  let scene: ReviewScene;
  beforeEach(async () => {
    scene = await reviewScene();
  });

  it("counts one vote per user: voting twice counts once, changing moves it, withdrawing removes it", async () => {
    const { Hirer, Second, Moderator } = scene.people;
    const reviewId = await reviewed(Hirer, await hireOf(scene, Hirer), 5);

    const first = await vote(Second.idToken, reviewId, true);
    assert.equal(first.status, 200, JSON.stringify(first.json));
    assert.deepEqual(first.json, { reviewId, helpful: true, helpfulCount: 1, notHelpfulCount: 0 });
    const twice = await Promise.all([
      vote(Second.idToken, reviewId, true),
      vote(Second.idToken, reviewId, true),
    ]);
    assert.deepEqual(
      twice.map((response) => response.status),
      [200, 200],
    );
    assert.deepEqual(await counts(reviewId), { helpful: 1, notHelpful: 0 });

    assert.equal((await vote(Second.idToken, reviewId, false)).status, 200);
    assert.deepEqual(await counts(reviewId), { helpful: 0, notHelpful: 1 });
    assert.equal((await vote(Moderator.idToken, reviewId, true)).status, 200);
    assert.deepEqual(await counts(reviewId), { helpful: 1, notHelpful: 1 });

    const withdrawn = await call("DELETE", `/reviews/${reviewId}/votes`, { token: Second.idToken });
    assert.equal(withdrawn.status, 204);
    const again = await call("DELETE", `/reviews/${reviewId}/votes`, { token: Second.idToken });
    assert.equal(again.status, 204);
    assert.deepEqual(await counts(reviewId), { helpful: 1, notHelpful: 0 });
    const votes = await admin.db().collection(Collections.reviews).doc(reviewId).collection("votes").get();
    assert.deepEqual(
      votes.docs.map((doc) => doc.id),
      [Moderator.uid],
    );
  });

  it("refuses votes by the reviewer, the listing's owner, anonymous callers, and on reviews that do not exist", async () => {
    const { Hirer, Second, Vendor } = scene.people;
    const reviewId = await reviewed(Hirer, await hireOf(scene, Hirer), 4);
    const own = await vote(Hirer.idToken, reviewId, true);
    assert.equal(own.status, 403);
    assert.equal(errorCode(own), "permissionDenied");
    const owner = await vote(Vendor.idToken, reviewId, false);
    assert.equal(owner.status, 403);
    assert.equal(owner.json.error.details.reason, "own_listing");
    const anonymous = await call("POST", `/reviews/${reviewId}/votes`, { body: { helpful: true } });
    assert.equal(anonymous.status, 401);
    const missing = await vote(Second.idToken, "no-such-review", true);
    assert.equal(missing.status, 404);
    assert.deepEqual(await counts(reviewId), { helpful: 0, notHelpful: 0 });
  });

  it("lists a listing's reviews newest first, by helpfulness or by rating, a page at a time, showing nothing private", async () => {
    const { Hirer, Second, Moderator } = scene.people;
    const low = await reviewed(Hirer, await hireOf(scene, Hirer), 2);
    const high = await reviewed(Second, await hireOf(scene, Second), 5);
    const middle = await reviewed(Hirer, await hireOf(scene, Hirer), 3);
    assert.equal((await vote(Second.idToken, low, true)).status, 200);
    assert.equal((await vote(Moderator.idToken, low, true)).status, 200);
    assert.equal((await vote(Moderator.idToken, middle, false)).status, 200);

    async function all(sort: string): Promise<string[]> {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
        const page = await call("GET", `/marketplace/${scene.listingId}/reviews?${query}`);
        assert.equal(page.status, 200, JSON.stringify(page.json));
        ids.push(...page.json.items.map((item: { reviewId: string }) => item.reviewId));
        cursor = page.json.nextCursor;
      } while (cursor);
      return ids;
    }
    assert.deepEqual(await all("newest"), [middle, high, low]);
    assert.deepEqual(await all("helpful"), [low, high, middle]);
    assert.deepEqual(await all("rating"), [high, middle, low]);

    const one = await call("GET", `/reviews/${high}`);
    assert.deepEqual(Object.keys(one.json).sort(), [
      "agentId",
      "comment",
      "createdAt",
      "helpfulCount",
      "hoursUsed",
      "listingId",
      "notHelpfulCount",
      "rating",
      "reviewId",
      "reviewer",
      "title",
      "verified",
    ]);
    assert.deepEqual(Object.keys(one.json.reviewer).sort(), ["displayName", "uid"]);
    assert.equal((await call("GET", "/reviews/no-such-review")).status, 404);
  });

  it("shows the most helpful reviews on the listing's page, and hides reviews of a listing that is not public", async () => {
    const { Hirer, Second, Vendor, Moderator } = scene.people;
    const praised = await reviewed(Hirer, await hireOf(scene, Hirer), 3);
    const best = await reviewed(Second, await hireOf(scene, Second), 5);
    await ratingBecomes(scene.listingId, { rating: 4, ratingCount: 2 });
    const byRating = await eventually("featured reviews by rating", async () => {
      const page = await call("GET", `/marketplace/${scene.listingId}`);
      return page.json.featuredReviews.length === 2 ? page.json.featuredReviews : undefined;
    });
    assert.deepEqual(
      byRating.map((review: { reviewId: string }) => review.reviewId),
      [best, praised],
    );

    assert.equal((await vote(Moderator.idToken, praised, true)).status, 200);
    const byHelpfulness = await eventually("featured reviews after a helpful vote", async () => {
      const page = await call("GET", `/marketplace/${scene.listingId}`);
      const ids = page.json.featuredReviews.map((review: { reviewId: string }) => review.reviewId);
      return ids[0] === praised ? page.json.featuredReviews : undefined;
    });
    assert.deepEqual(
      byHelpfulness.map((review: { reviewId: string; helpfulCount: number }) => [
        review.reviewId,
        review.helpfulCount,
      ]),
      [
        [praised, 1],
        [best, 0],
      ],
    );

    const suspended = await call("POST", `/admin/listings/${scene.listingId}/suspend`, {
      token: Moderator.idToken,
      body: { reason: "Reported for abuse." },
    });
    assert.equal(suspended.status, 200, JSON.stringify(suspended.json));
    assert.equal((await call("GET", `/marketplace/${scene.listingId}/reviews`)).status, 404);
    assert.equal((await call("GET", `/reviews/${best}`)).status, 404);
    const asOwner = await call("GET", `/marketplace/${scene.listingId}/reviews`, { token: Vendor.idToken });
    assert.equal(asOwner.json.items.length, 2);
    assert.equal((await call("GET", `/reviews/${best}`, { token: Second.idToken })).status, 200);
  });
});

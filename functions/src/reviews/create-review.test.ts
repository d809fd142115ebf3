import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { featuredScore } from "../marketplace/featured-score.js";
import { call, errorCode } from "../testing/api-client.js";
import { feedOf } from "../testing/feeds.js";
import { assertLedgerInvariants } from "../testing/ledger-invariants.js";
import { setListingStats } from "../testing/marketplace-fixtures.js";
import {
  hireOf,
  postReview,
  type ReviewScene,
  ratingBecomes,
  reviewed,
  reviewScene,
} from "../testing/review-fixtures.js";
import { eventually } from "../testing/stack.js";

// Reviews move no DOF: the ledger stays whole through every scenario here too.
afterEach(async () => {
  await assertLedgerInvariants();
});

describe("POST /sessions/:sessionId/review", () => {
  let scene: ReviewScene;
  beforeEach(async () => {
    scene = await reviewScene();
  });

  it("moves the listing's rating 0 → 5 → 4.5 with two reviews, keeps its hires, and the owner's stats follow", async () => {
    const { Vendor, Hirer, Second } = scene.people;
    await setListingStats(scene.listingId, { recentHires: 3, totalHires: 7 });
    const before = await call("GET", `/marketplace/${scene.listingId}`);
    assert.deepEqual(before.json.stats, { rating: 0, ratingCount: 0, recentHires: 3, totalHires: 7 });

    const first = await postReview(Hirer, await hireOf(scene, Hirer, { activeMinutes: 90 }), {
      rating: 5,
      title: "Sharp",
      comment: "  My aim got better in one evening.  ",
    });
    assert.equal(first.status, 201, JSON.stringify(first.json));
    assert.equal(first.json.verified, true);
    assert.equal(first.json.hoursUsed, 1.5);
    assert.equal(first.json.comment, "My aim got better in one evening.");
    const hirerProfile = await call("GET", `/users/${Hirer.uid}`);
    assert.deepEqual(first.json.reviewer, { uid: Hirer.uid, displayName: hirerProfile.json.displayName });
    const afterOne = await ratingBecomes(scene.listingId, { rating: 5, ratingCount: 1 });
    assert.deepEqual(afterOne.stats, { rating: 5, ratingCount: 1, recentHires: 3, totalHires: 7 });

    await reviewed(Second, await hireOf(scene, Second, { status: "settled" }), 4);
    const afterTwo = await ratingBecomes(scene.listingId, { rating: 4.5, ratingCount: 2 });
    assert.deepEqual(afterTwo.stats, { rating: 4.5, ratingCount: 2, recentHires: 3, totalHires: 7 });
    assert.equal(afterTwo.featuredScore, featuredScore(afterTwo.stats));

    const publicProfile = await call("GET", `/users/${Vendor.uid}`);
    assert.equal(publicProfile.json.stats.averageRating, 4.5);
    const ownStats = await call("GET", "/profile/stats", { token: Vendor.idToken });
    assert.equal(ownStats.json.averageRating, 4.5);

    const feed = await eventually("both reviews in the owner's feed", async () => {
      const events = await feedOf(Vendor.uid, "marketplace.");
      return events.length === 4 ? events : undefined;
    });
    assert.deepEqual(feed.map((event) => event.type).sort(), [
      "marketplace.new_review",
      "marketplace.new_review",
      "marketplace.rating_updated",
      "marketplace.rating_updated",
    ]);
    const ratings = feed.filter((event) => event.type === "marketplace.rating_updated");
    assert.ok(ratings.some((event) => event.data.rating === 4.5 && event.data.ratingCount === 2));
  });

  it("takes one review per session: a second one, even concurrent, is a 409", async () => {
    const { Hirer } = scene.people;
    const sessionId = await hireOf(scene, Hirer);
    const racing = await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        postReview(Hirer, sessionId, { rating: 4, comment: `Try ${index}` }),
      ),
    );
    assert.deepEqual(racing.map((response) => response.status).sort(), [201, 409, 409, 409, 409]);
    const again = await postReview(Hirer, sessionId, { rating: 1, comment: "Changed my mind." });
    assert.equal(again.status, 409);
    assert.equal(errorCode(again), "conflict");
    await ratingBecomes(scene.listingId, { rating: 4, ratingCount: 1 });
  });

  it("answers 404 for someone else's session or one that does not exist", async () => {
    const { Hirer, Second, Vendor } = scene.people;
    const sessionId = await hireOf(scene, Hirer);
    for (const stranger of [Second, Vendor]) {
      const response = await postReview(stranger, sessionId, { rating: 1, comment: "Never hired it." });
      assert.equal(response.status, 404);
      assert.equal(errorCode(response), "notFound");
    }
    const missing = await postReview(Hirer, "session-that-never-was", { rating: 5, comment: "Ghost." });
    assert.equal(missing.status, 404);
    const anonymous = await call("POST", `/sessions/${sessionId}/review`, {
      body: { rating: 5, comment: "x" },
    });
    assert.equal(anonymous.status, 401);
  });

  it("waits for the session to end (412), and never takes owned or trial sessions (403)", async () => {
    const { Hirer, Vendor } = scene.people;
    const active = await postReview(Hirer, await hireOf(scene, Hirer, { status: "active" }), {
      rating: 5,
      comment: "Still playing.",
    });
    assert.equal(active.status, 412);
    assert.equal(errorCode(active), "failedPrecondition");
    assert.equal(active.json.error.details.reason, "session_not_ended");

    const owned = await postReview(Vendor, await hireOf(scene, Vendor, { kind: "owned" }), {
      rating: 5,
      comment: "My own agent is the best.",
    });
    assert.equal(owned.status, 403);
    assert.equal(owned.json.error.details.reason, "session_not_hired");
    const trial = await postReview(Hirer, await hireOf(scene, Hirer, { kind: "trial" }), {
      rating: 2,
      comment: "Short trial.",
    });
    assert.equal(trial.status, 403);
    assert.equal(trial.json.error.details.kind, "trial");
  });

  it("sets verified and hoursUsed itself: the client cannot, and an unused hire is not verified", async () => {
    const { Hirer } = scene.people;
    const sessionId = await hireOf(scene, Hirer, { activeMinutes: 0 });
    const forged = await postReview(Hirer, sessionId, {
      rating: 5,
      comment: "Trust me.",
      verified: true,
      hoursUsed: 100,
    });
    assert.equal(forged.status, 400);
    const invalid = await postReview(Hirer, sessionId, { rating: 4.5, comment: "Half a star." });
    assert.equal(invalid.status, 400);
    const honest = await postReview(Hirer, sessionId, { rating: 3, comment: "Never really started." });
    assert.equal(honest.status, 201);
    assert.equal(honest.json.verified, false);
    assert.equal(honest.json.hoursUsed, 0);
    assert.equal(honest.json.title, null);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { featuredScore } from "./featured-score.js";

const score = (rating: number, ratingCount: number, recentHires = 0) =>
  featuredScore({ rating, ratingCount, recentHires });

describe("featuredScore (pure)", () => {
  it("gives an unreviewed, unhired listing the prior rating", () => {
    assert.equal(score(0, 0), 3);
  });

  it("shrinks a few reviews towards the prior, so many good reviews beat one perfect one", () => {
    assert.equal(score(5, 1), 3.181818);
    assert.equal(score(4.8, 100), 4.636364);
    assert.ok(score(4.8, 100) > score(5, 1));
    assert.ok(score(1, 1) > score(1, 50), "one bad review hurts less than fifty");
  });

  it("approaches the true average as reviews accumulate", () => {
    assert.ok(Math.abs(score(4.2, 100_000) - 4.2) < 0.001);
  });

  it("rewards recent hires with diminishing returns, by less than a star for 100 hires", () => {
    const base = score(4, 20);
    const ten = score(4, 20, 10) - base;
    const hundred = score(4, 20, 100) - base;
    assert.ok(Math.abs(ten - 0.2 * Math.log(11)) < 1e-5);
    assert.ok(hundred > ten && hundred < 1);
    assert.ok(hundred < 2 * ten, "ten times the hires is far from ten times the lift");
  });

  it("clamps out-of-range inputs instead of producing nonsense", () => {
    assert.equal(score(9, 10), score(5, 10));
    assert.equal(score(-1, 10), score(0, 10));
    assert.equal(featuredScore({ rating: 4, ratingCount: -3, recentHires: -2 }), 3);
  });

  it("takes its tuning as a parameter", () => {
    assert.equal(
      featuredScore(
        { rating: 5, ratingCount: 0, recentHires: 0 },
        {
          priorRating: 4,
          priorWeight: 1,
          hiresWeight: 0,
        },
      ),
      4,
    );
  });
});

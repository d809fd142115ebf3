import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseSplitRule, splitDof } from "./split.js";

const standard = parseSplitRule("owner=7000,creator=1000,platform=2000");

describe("the revenue split", () => {
  it("gives each party its share when the total divides evenly", () => {
    assert.deepEqual(splitDof(1_000, standard), { owner: 700, creator: 100, platform: 200 });
  });

  it("hands leftover DOF to the largest remainders, ties in the order owner, creator, platform", () => {
    // 7 × (0.7, 0.1, 0.2) = 4.9, 0.7, 1.4 → floors 4, 0, 1 and two DOF left for remainders .9 and .7.
    assert.deepEqual(splitDof(7, standard), { owner: 5, creator: 1, platform: 1 });
    const thirds = parseSplitRule("owner=3334,creator=3333,platform=3333");
    assert.deepEqual(splitDof(2, thirds), { owner: 1, creator: 1, platform: 0 });
    assert.deepEqual(splitDof(1, standard), { owner: 1, creator: 0, platform: 0 });
  });

  it("always sums to the total, for every amount and a rule with awkward shares", () => {
    const awkward = parseSplitRule("owner=6667,creator=1111,platform=2222");
    for (let total = 0; total <= 5_000; total++) {
      const parts = splitDof(total, awkward);
      assert.equal(parts.owner + parts.creator + parts.platform, total, `total ${total}`);
      for (const part of Object.values(parts)) assert.ok(Number.isInteger(part) && part >= 0);
    }
  });

  it("refuses rules that do not add up or name a stranger", () => {
    assert.throws(() => parseSplitRule("owner=7000,creator=1000,platform=1000"), /summing to 10000/);
    assert.throws(() => parseSplitRule("owner=7000,creator=1000,referrer=2000"), /expected owner/);
    assert.throws(() => parseSplitRule("owner=70%,creator=10,platform=20"), /expected owner/);
  });
});

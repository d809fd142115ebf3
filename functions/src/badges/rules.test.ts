import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { games } from "../agents/catalogue.js";
import { achievementsEarned, newlyAchieved } from "./achievements.js";
import { badgeCatalogue, badgesEarned, newlyEarned } from "./catalogue.js";
import { type AgentExperience, noExperience } from "./requirements.js";

/** Experience with the given hours per game; the total is their sum unless given. */
function hours(hoursByGame: Record<string, number>, totalHours?: number): AgentExperience {
  const sum = Object.values(hoursByGame).reduce((total, value) => total + value, 0);
  return { hoursByGame, totalHours: totalHours ?? sum };
}

describe("badge catalogue", () => {
  it("has a rookie, veteran and legend badge for every catalogue game, and unique ids", () => {
    for (const game of games)
      assert.deepEqual(
        badgeCatalogue.filter((badge) => badge.game === game).map((badge) => badge.id),
        [`${game}-rookie`, `${game}-veteran`, `${game}-legend`],
      );
    const ids = badgeCatalogue.map((badge) => badge.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.includes("polyglot-coach") && ids.includes("marathon"));
  });
});

describe("badgesEarned", () => {
  it("awards a game badge from exactly its threshold on", () => {
    assert.deepEqual(badgesEarned(hours({ valorant: 9.99 })), []);
    assert.deepEqual(badgesEarned(hours({ valorant: 10 })), ["valorant-rookie"]);
    assert.deepEqual(badgesEarned(hours({ valorant: 99.5 })), ["valorant-rookie"]);
    assert.deepEqual(badgesEarned(hours({ valorant: 100 })), ["valorant-rookie", "valorant-veteran"]);
  });

  it("counts polyglot-coach from three games with ten hours each", () => {
    const two = hours({ valorant: 10, fortnite: 10, minecraft: 9.5 });
    assert.ok(!badgesEarned(two).includes("polyglot-coach"));
    const three = hours({ valorant: 10, fortnite: 10, minecraft: 10 });
    assert.ok(badgesEarned(three).includes("polyglot-coach"));
  });

  it("ignores hours under a game the catalogue does not list", () => {
    const earned = badgesEarned(hours({ valorant: 10, fortnite: 10, "retired-game": 900 }, 20));
    assert.deepEqual(earned, ["valorant-rookie", "fortnite-rookie"]);
  });

  it("awards marathon at a thousand total hours", () => {
    assert.ok(!badgesEarned(hours({}, 999.9)).includes("marathon"));
    assert.ok(badgesEarned(hours({}, 1000)).includes("marathon"));
  });
});

describe("newlyEarned", () => {
  it("reports the badges a change crosses into, several at once, in catalogue order", () => {
    assert.deepEqual(newlyEarned(hours({ "dota-2": 50 }), hours({ "dota-2": 600 }, 1000)), [
      "dota-2-veteran",
      "dota-2-legend",
      "marathon",
    ]);
    assert.deepEqual(newlyEarned(noExperience, hours({ "dota-2": 10 })), ["dota-2-rookie"]);
  });

  it("reports nothing when the hours do not cross a threshold", () => {
    assert.deepEqual(newlyEarned(hours({ valorant: 10 }), hours({ valorant: 99 })), []);
    const same = hours({ valorant: 120 });
    assert.deepEqual(newlyEarned(same, same), []);
  });

  it("never takes a badge back when hours drop", () => {
    assert.deepEqual(newlyEarned(hours({ valorant: 150 }), hours({ valorant: 5 })), []);
  });
});

describe("achievements", () => {
  it("are earned from their thresholds on, several at once", () => {
    assert.deepEqual(achievementsEarned(hours({ valorant: 0.5 })), []);
    assert.deepEqual(achievementsEarned(hours({ valorant: 1 })), ["first-hour"]);
    assert.deepEqual(newlyAchieved(hours({ valorant: 1 }), hours({ valorant: 100 })), [
      "ten-hours",
      "hundred-hours",
    ]);
  });

  it("need an hour in each of five games for all-rounder", () => {
    const four = hours({ valorant: 1, fortnite: 1, minecraft: 1, "dota-2": 1 });
    const five = hours({ ...four.hoursByGame, "rocket-league": 1 });
    assert.deepEqual(newlyAchieved(four, five), ["all-rounder"]);
  });

  it("are never taken back", () => {
    assert.deepEqual(newlyAchieved(hours({ valorant: 200 }), hours({ valorant: 0 })), []);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { keywordTokensOf, maxKeywordTokens, queryWordsOf, tokenFor, wordsOf } from "./keywords.js";

describe("keyword tokens (pure)", () => {
  it("folds case and accents and splits on anything but letters and digits", () => {
    assert.deepEqual(wordsOf("Estratégia RÁPIDA, CS2/Dota-2 & a b"), ["estrategia", "rapida", "cs2", "dota"]);
    assert.deepEqual(wordsOf("Ärger über Straße"), ["arger", "uber", "straße"]);
  });

  it("stores every word with its prefixes of length 2 and up", () => {
    const tokens = keywordTokensOf({ title: "Aim", tags: ["fps"], description: "Coach" });
    assert.deepEqual(tokens.sort(), ["ai", "aim", "co", "coa", "coac", "coach", "fp", "fps"].sort());
  });

  it("stores prefixes up to 15 characters, whole words up to 40", () => {
    const long = "a".repeat(50);
    const tokens = keywordTokensOf({ title: long, tags: [], description: "" });
    assert.ok(tokens.includes("a".repeat(40)));
    assert.ok(tokens.includes("a".repeat(15)));
    assert.ok(!tokens.includes("a".repeat(16)));
    assert.equal(tokenFor("a".repeat(30)), "a".repeat(15));
  });

  it("deduplicates and caps the list, title and tags first", () => {
    const description = Array.from({ length: 200 }, (_, i) => `word${i}xyzabc`).join(" ");
    const tokens = keywordTokensOf({ title: "Valorant", tags: ["clutch"], description });
    assert.equal(tokens.length, maxKeywordTokens);
    assert.equal(new Set(tokens).size, tokens.length);
    assert.ok(tokens.includes("valorant") && tokens.includes("clutch"));
    assert.ok(!tokens.includes("word199xyzabc"), "the description's tail falls off");
  });

  it("orders query words longest first and drops duplicates and one-letter words", () => {
    assert.deepEqual(queryWordsOf("  Aim aim  a  Estratégia "), ["estrategia", "aim"]);
    assert.deepEqual(queryWordsOf(undefined), []);
  });
});

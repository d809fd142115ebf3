import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compileFilters, filterPredicate } from "./filter-match.js";
import { parseFilters, parseNumericCondition } from "./filter-syntax.js";
import { AlgoliaError } from "./http.js";

const settings = {
  attributesForFaceting: ["game", "filterOnly(ownerUid)", "searchable(languages)", "hasVoiceChat"],
};
const record = {
  objectID: "1",
  game: "Valorant",
  ownerUid: "u1",
  languages: ["en", "pt"],
  hasVoiceChat: true,
  hourlyDof: 40,
  stats: { rating: 4.5 },
  _tags: ["Featured"],
};

function matches(filters: string): boolean {
  return filterPredicate(compileFilters({ filters }), settings)(record);
}

function rejects(filters: string, pattern: RegExp): void {
  assert.throws(
    () => parseFilters(filters),
    (error: unknown) => error instanceof AlgoliaError && error.status === 400 && pattern.test(error.message),
  );
}

describe("Algolia filters syntax", () => {
  it("parses facet, numeric, range and tag filters with AND, OR, NOT and quotes", () => {
    assert.deepEqual(parseFilters('game:"Counter Strike" AND price >= 10'), {
      kind: "and",
      items: [
        { kind: "facet", attribute: "game", value: "Counter Strike" },
        { kind: "numeric", attribute: "price", operator: ">=", value: 10 },
      ],
    });
    assert.deepEqual(parseFilters("price:5.5 TO 100"), {
      kind: "range",
      attribute: "price",
      low: 5.5,
      high: 100,
    });
    assert.deepEqual(parseFilters("NOT published"), {
      kind: "not",
      item: { kind: "facet", attribute: "_tags", value: "published" },
    });
    assert.equal(parseFilters("  "), undefined);
  });

  it("matches values case-insensitively, arrays by any element, booleans and nested numbers", () => {
    assert.ok(matches("game:valorant"));
    assert.ok(matches("languages:PT AND hasVoiceChat:true"));
    assert.ok(matches("stats.rating >= 4.5 AND hourlyDof:40 TO 40"));
    assert.ok(matches("(game:LoL OR game:Valorant) AND NOT languages:de"));
    assert.ok(matches("ownerUid:u1"), "filterOnly attributes can be filtered on");
    assert.ok(!matches("hourlyDof > 40"));
    assert.ok(!matches("hasVoiceChat:false"));
  });

  it("matches tags case-sensitively and never matches attributes not declared for faceting", () => {
    assert.ok(matches("Featured"));
    assert.ok(!matches("featured"));
    assert.ok(!matches("objectID:1"));
  });

  it("combines filters, facetFilters (nested OR, -negation), numericFilters and tagFilters with AND", () => {
    const test = (params: Parameters<typeof compileFilters>[0]) =>
      filterPredicate(compileFilters(params), settings)(record);
    assert.ok(test({ facetFilters: [["game:LoL", "game:Valorant"], "languages:en"] }));
    assert.ok(!test({ facetFilters: ["game:-Valorant"] }));
    assert.ok(test({ facetFilters: '["game:Valorant"]' }), "a JSON list from a params string");
    assert.ok(test({ numericFilters: ["hourlyDof<=40", ["stats.rating<1", "stats.rating:4 TO 5"]] }));
    assert.ok(!test({ filters: "game:Valorant", numericFilters: ["hourlyDof < 10"] }));
    assert.ok(test({ tagFilters: ["Featured"] }));
  });

  it("rejects what Algolia rejects, naming the parameter", () => {
    rejects("game:Valorant AND", /^filters: Expected a filter/);
    rejects("(game:A OR game:B", /^filters: Expected \)/);
    rejects("price > cheap", /^filters: Expected a number/);
    rejects("game:A OR (game:B AND price > 1)", /AND inside OR/);
    rejects("NOT (game:A OR game:B)", /NOT in front of a group/);
    rejects('game:"open', /Unterminated string/);
    assert.throws(() => parseNumericCondition("game:Valorant"), /numericFilters: Invalid numeric filter/);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SearchQuery } from "../search-contract.js";
import { desiredSettings, indexForSort } from "./index-settings.js";
import { decodeCursor, encodeCursor, filtersFor, toAlgoliaQuery } from "./search-query.js";
import { microsFromIso } from "./versions.js";

const query = (input: Record<string, unknown>) => SearchQuery.parse(input);

describe("SearchQuery → Algolia query", () => {
  it("writes every filter as one AND of quoted facet values and numeric ranges", () => {
    const filters = filtersFor(
      query({
        game: "valorant",
        rank: "Gold,Platinum",
        type: "Mentor",
        hasVoiceChat: "false",
        language: "pt",
        nationality: "BR",
        tags: 'Aim,"FPS"',
        category: "strategy",
        pricePeriod: "daily",
        minPriceDof: "1000",
        maxPriceDof: "5000",
        minRating: "4.5",
      }),
    );
    assert.equal(
      filters,
      'games:"valorant" AND (rank:"Gold" OR rank:"Platinum") AND type:"Mentor" AND hasVoiceChat:false ' +
        'AND languages:"pt" AND nationality:"BR" AND (tags:"aim" OR tags:"\\"fps\\"") ' +
        'AND categories:"strategy" AND dailyDof:1000 TO 5000 AND rating >= 4.5',
    );
    assert.equal(filtersFor(query({ minPriceDof: "100" })), "hourlyDof >= 100");
    assert.equal(filtersFor(query({ pricePeriod: "weekly", maxPriceDof: "9000" })), "weeklyDof <= 9000");
    assert.equal(filtersFor(query({})), "");
  });

  it("reads each sort from its replica, the price sorts per period", () => {
    assert.equal(indexForSort("listings", "relevance", "hourly"), "listings");
    assert.equal(indexForSort("listings", "price_asc", "weekly"), "listings_price_weekly_asc");
    assert.equal(indexForSort("listings", "price_desc", "daily"), "listings_price_daily_desc");
    const replicas = desiredSettings("listings")[0]?.[1].replicas ?? [];
    for (const sort of ["rating", "popularity", "newest", "price_asc", "price_desc"] as const) {
      for (const period of ["hourly", "daily", "weekly"] as const) {
        assert.ok(
          replicas.includes(indexForSort("listings", sort, period)),
          `${sort} ${period} has a replica`,
        );
      }
    }
  });

  it("asks for the page the cursor names, the contract's facets and fields only", () => {
    const translated = toAlgoliaQuery(
      query({ q: " aim ", limit: "5", cursor: encodeCursor(3, "listings") }),
      "listings",
    );
    assert.deepEqual(translated.params.facets, ["games", "rank", "type", "languages", "hasVoiceChat"]);
    assert.equal(translated.params.query, "aim");
    assert.equal(translated.params.page, 3);
    assert.equal(translated.params.hitsPerPage, 5);
    assert.ok(!translated.params.attributesToRetrieve.includes("syncedAtUs"));
    assert.equal(decodeCursor(undefined, "listings"), 0);
    const bad = ["", "x", encodeCursor(0, "listings"), encodeCursor(2, "listings_newest")];
    for (const cursor of [...bad, Buffer.from('{"page":"2"}').toString("base64url")]) {
      assert.throws(() => decodeCursor(cursor, "listings"), { code: "invalidArgument" });
    }
  });

  it("reads event times to the microsecond", () => {
    assert.equal(
      microsFromIso("2025-01-02T03:04:05.123456789Z"),
      Date.UTC(2025, 0, 2, 3, 4, 5) * 1000 + 123_456,
    );
    assert.equal(microsFromIso("2025-01-02T03:04:05Z"), Date.UTC(2025, 0, 2, 3, 4, 5) * 1000);
    assert.throws(() => microsFromIso("yesterday"));
  });
});

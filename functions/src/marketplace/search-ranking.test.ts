import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type ListingSearchRecord, SearchQuery } from "./search-contract.js";
import { rankAndPage } from "./search-ranking.js";

function record(id: string, fields: Partial<ListingSearchRecord> = {}): ListingSearchRecord {
  return {
    objectID: id,
    agentId: id,
    ownerUid: "owner",
    title: "Coach",
    description: "Helps you improve.",
    imageUrl: null,
    tags: [],
    categories: ["coaching"],
    type: "Mentor",
    rank: "Gold",
    games: ["valorant"],
    languages: ["en"],
    nationality: "BR",
    hasVoiceChat: false,
    hourlyDof: 500,
    dailyDof: 5_000,
    weeklyDof: 25_000,
    rating: 0,
    ratingCount: 0,
    recentHires: 0,
    publishedAtMs: 1_000,
    ...fields,
  };
}

const query = (params: Record<string, unknown>) => SearchQuery.parse(params);
const ids = (page: { items: { listingId: string }[] }) => page.items.map((item) => item.listingId);

describe("in-memory search ranking (pure)", () => {
  const records = [
    record("a", { title: "Valorant aim trainer", rating: 4.5, ratingCount: 10, publishedAtMs: 3_000 }),
    record("b", { title: "Strategy talk", description: "Valorant strategies", rating: 5, ratingCount: 2 }),
    record("c", { title: "Aimbot-free coaching", tags: ["valorant"], rating: 3, publishedAtMs: 2_000 }),
    record("d", { title: "Minecraft builder", games: ["minecraft"], rank: "Platinum", hourlyDof: 100 }),
  ];

  it("requires every word to begin a word, ranks title hits above description hits", () => {
    assert.deepEqual(ids(rankAndPage(records, query({ q: "valor" }))), ["a", "c", "b"]);
    assert.deepEqual(ids(rankAndPage(records, query({ q: "valorant aim" }))), ["a", "c"]);
    assert.deepEqual(ids(rankAndPage(records, query({ q: "strateg" }))), ["b"]);
    assert.deepEqual(ids(rankAndPage(records, query({ q: "ranto" }))), []);
  });

  it("sorts by each order with the listing id breaking ties", () => {
    const sorted = (sort: string) => ids(rankAndPage(records, query({ sort })));
    assert.deepEqual(sorted("rating"), ["b", "a", "c", "d"]);
    assert.deepEqual(sorted("price_asc"), ["d", "b", "a", "c"]);
    assert.deepEqual(sorted("newest"), ["a", "c", "b", "d"]);
    assert.deepEqual(sorted("popularity"), ["b", "a", "c", "d"]);
  });

  it("counts facets and hits over every match, not just the page", () => {
    const page = rankAndPage(records, query({ limit: "1" }));
    assert.equal(page.items.length, 1);
    assert.equal(page.totalHits, 4);
    assert.deepEqual(page.facets.game, { valorant: 3, minecraft: 1 });
    assert.deepEqual(page.facets.rank, { Gold: 3, Platinum: 1 });
    assert.deepEqual(page.facets.hasVoiceChat, { false: 4 });
  });

  it("pages by keyset: a listing added between pages neither repeats nor hides the rest", () => {
    const first = rankAndPage(records, query({ sort: "rating", limit: "2" }));
    assert.deepEqual(ids(first), ["b", "a"]);
    const grown = [...records, record("e", { rating: 5, ratingCount: 50 })];
    const cursor = first.nextCursor ?? assert.fail("a second page");
    const second = rankAndPage(grown, query({ sort: "rating", limit: "2", cursor }));
    assert.deepEqual(ids(second), ["c", "d"]);
    assert.equal(second.nextCursor, null);
  });

  it("refuses a cursor of another sort or a forged one", () => {
    const first = rankAndPage(records, query({ sort: "rating", limit: "1" }));
    const cursor = first.nextCursor ?? assert.fail("a second page");
    assert.throws(() => rankAndPage(records, query({ sort: "newest", cursor })), /cursor/);
    assert.throws(() => rankAndPage(records, query({ cursor: "bm90LWpzb24" })), /cursor/);
  });
});

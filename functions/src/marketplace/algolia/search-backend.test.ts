import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { algoliasearch } from "algoliasearch";
import { AppError } from "../../common/errors.js";
import { type ListingSearchRecord, SearchPage, SearchQuery } from "../search-contract.js";
import { algoliaConnection } from "./client.js";
import { ensureIndexSettings } from "./index-settings.js";
import { AlgoliaSearchBackend } from "./search-backend.js";

const env = (name: string) => process.env[name] ?? assert.fail(`${name} is not set by the test stack`);
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

function listing(
  id: string,
  fields: Partial<ListingSearchRecord>,
): ListingSearchRecord & { syncedAtUs: number } {
  return {
    objectID: id,
    agentId: `agent-${id}`,
    ownerUid: `owner-${id}`,
    title: "",
    description: "",
    imageUrl: null,
    tags: [],
    categories: [],
    type: "Mentor",
    rank: "Gold",
    games: [],
    languages: ["en"],
    nationality: "BR",
    hasVoiceChat: false,
    hourlyDof: 100,
    dailyDof: 1000,
    weeklyDof: 5000,
    rating: 0,
    ratingCount: 0,
    recentHires: 0,
    publishedAtMs: day("2025-01-01"),
    syncedAtUs: 1,
    ...fields,
  };
}

// The ids are unlike the sync test's: a late delete event from another test cannot touch these records.
const records = [
  listing("s-r1", {
    title: "Valorant aim coach",
    description: "Crosshair drills",
    games: ["valorant"],
    rank: "Gold",
    languages: ["en", "pt"],
    hasVoiceChat: true,
    hourlyDof: 400,
    dailyDof: 2500,
    weeklyDof: 12_000,
    rating: 4.8,
    recentHires: 5,
    publishedAtMs: day("2025-01-01"),
    tags: ["aim", "fps"],
    categories: ["coaching"],
  }),
  listing("s-r2", {
    title: "League macro mentor",
    description: "Wave control, from a patient coach",
    games: ["league-of-legends"],
    rank: "Platinum",
    nationality: "US",
    hourlyDof: 600,
    dailyDof: 4000,
    weeklyDof: 20_000,
    rating: 4.2,
    recentHires: 12,
    publishedAtMs: day("2025-03-01"),
    tags: ["macro"],
    categories: ["coaching"],
  }),
  listing("s-r3", {
    title: "Valorant duo assistant",
    description: "Plays with you",
    games: ["valorant"],
    rank: "Silver",
    type: "Assistant",
    languages: ["es"],
    nationality: "MX",
    hasVoiceChat: true,
    hourlyDof: 150,
    dailyDof: 1200,
    weeklyDof: 6000,
    rating: 3.9,
    recentHires: 1,
    publishedAtMs: day("2025-05-01"),
    tags: ["duo", "fps"],
    categories: ["companionship"],
  }),
  listing("s-r4", {
    title: "Dota draft specialist",
    description: "Picks and bans",
    games: ["dota-2"],
    rank: "Gold",
    type: "Specialist",
    languages: ["en", "ru"],
    nationality: "DE",
    hasVoiceChat: true,
    hourlyDof: 900,
    dailyDof: 6000,
    weeklyDof: 30_000,
    rating: 4.9,
    recentHires: 2,
    publishedAtMs: day("2024-12-01"),
    tags: ["draft"],
    categories: ["analytics"],
  }),
  listing("s-r5", {
    title: "Fortnite build coach",
    description: "Box fights",
    games: ["fortnite"],
    rank: "Bronze",
    languages: ["pt"],
    hourlyDof: 200,
    dailyDof: 1500,
    weeklyDof: 7000,
    rating: 4.5,
    recentHires: 30,
    publishedAtMs: day("2025-02-01"),
    tags: ["build"],
    categories: ["coaching"],
  }),
];

describe("AlgoliaSearchBackend (in-process, against the stack's local Algolia server)", () => {
  const backend = () => new AlgoliaSearchBackend();
  const search = (query: Record<string, unknown>) => backend().search(SearchQuery.parse(query));
  const ids = async (query: Record<string, unknown>) =>
    (await search(query)).items.map((item) => item.listingId);

  before(async () => {
    const hosts = [{ url: env("ALGOLIA_HOST"), protocol: "http" as const, accept: "readWrite" as const }];
    const admin = algoliasearch(env("ALGOLIA_APP_ID"), env("ALGOLIA_ADMIN_KEY"), { hosts });
    await ensureIndexSettings(admin, env("ALGOLIA_INDEX"));
    await admin.clearObjects({ indexName: env("ALGOLIA_INDEX") });
    await admin.saveObjects({ indexName: env("ALGOLIA_INDEX"), objects: records, waitForTasks: true });
  });

  it("answers the contract's page: items keyed by listingId, every facet, total hits, the backend", async () => {
    // Title matches rank above description matches, whatever the ratings.
    const page = await search({ q: "coach" });
    assert.deepEqual(SearchPage.parse(page), page);
    assert.equal(page.backend, "algolia");
    assert.deepEqual(
      page.items.map((item) => item.listingId),
      ["s-r1", "s-r5", "s-r2"],
    );
    const { listingId, ...fields } = page.items[0] ?? assert.fail("no item");
    const { objectID, syncedAtUs, ...expected } = records[0] as (typeof records)[number];
    assert.equal(listingId, objectID);
    assert.deepEqual(fields, expected, "the record's fields, without the sync version");
    assert.equal(page.totalHits, 3);
    assert.equal(page.nextCursor, null);
    assert.deepEqual(page.facets, {
      game: { valorant: 1, fortnite: 1, "league-of-legends": 1 },
      rank: { Gold: 1, Bronze: 1, Platinum: 1 },
      type: { Mentor: 3 },
      language: { en: 2, pt: 2 },
      hasVoiceChat: { true: 1, false: 2 },
    });
  });

  it("filters by game, ranks, type, voice chat, language, nationality, tags and category", async () => {
    assert.deepEqual(await ids({ game: "valorant" }), ["s-r1", "s-r3"]);
    assert.deepEqual(await ids({ rank: "Gold,Platinum" }), ["s-r4", "s-r1", "s-r2"]);
    assert.deepEqual(await ids({ type: "Mentor", hasVoiceChat: "false" }), ["s-r5", "s-r2"]);
    assert.deepEqual(await ids({ language: "en" }), ["s-r4", "s-r1", "s-r2"]);
    assert.deepEqual(await ids({ nationality: "BR" }), ["s-r1", "s-r5"]);
    assert.deepEqual(await ids({ tags: "fps,draft" }), ["s-r4", "s-r1", "s-r3"], "any of the tags");
    assert.deepEqual(await ids({ category: "coaching" }), ["s-r1", "s-r5", "s-r2"]);
    assert.deepEqual(await ids({ game: "valorant", hasVoiceChat: "true", minRating: "4" }), ["s-r1"]);
  });

  it("filters prices in the chosen period (inclusive) and by minimum rating", async () => {
    const daily = { pricePeriod: "daily", minPriceDof: "1500", maxPriceDof: "4000" };
    assert.deepEqual(await ids(daily), ["s-r1", "s-r5", "s-r2"]);
    assert.deepEqual(await ids({ minPriceDof: "600" }), ["s-r4", "s-r2"], "hourly by default");
    assert.deepEqual(await ids({ pricePeriod: "weekly", maxPriceDof: "7000" }), ["s-r5", "s-r3"]);
    assert.deepEqual(await ids({ minRating: "4.5" }), ["s-r4", "s-r1", "s-r5"]);
  });

  it("sorts through the replicas: rating, price per period either way, popularity, newest", async () => {
    assert.deepEqual(await ids({ sort: "rating" }), ["s-r4", "s-r1", "s-r5", "s-r2", "s-r3"]);
    assert.deepEqual(await ids({ sort: "price_asc" }), ["s-r3", "s-r5", "s-r1", "s-r2", "s-r4"]);
    assert.deepEqual(await ids({ sort: "price_desc", pricePeriod: "weekly" }), [
      "s-r4",
      "s-r2",
      "s-r1",
      "s-r5",
      "s-r3",
    ]);
    assert.deepEqual(await ids({ sort: "popularity" }), ["s-r5", "s-r2", "s-r1", "s-r4", "s-r3"]);
    assert.deepEqual(await ids({ sort: "newest" }), ["s-r3", "s-r2", "s-r5", "s-r1", "s-r4"]);
    assert.deepEqual(await ids({ sort: "price_asc", game: "valorant" }), ["s-r3", "s-r1"]);
  });

  it("counts facets over every match of the filters, not only the page", async () => {
    const page = await search({ game: "valorant", limit: "1" });
    assert.equal(page.items.length, 1);
    assert.deepEqual(page.facets, {
      game: { valorant: 2 },
      rank: { Gold: 1, Silver: 1 },
      type: { Mentor: 1, Assistant: 1 },
      language: { en: 1, pt: 1, es: 1 },
      hasVoiceChat: { true: 2 },
    });
  });

  it("pages with an opaque cursor until the last page, and refuses a cursor it did not make", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 3; pages++) {
      const page = await search({ limit: "2", ...(cursor ? { cursor } : {}) });
      assert.equal(page.totalHits, 5);
      seen.push(...page.items.map((item) => item.listingId));
      cursor = page.nextCursor ?? undefined;
      assert.equal(page.nextCursor === null, pages === 2);
    }
    assert.deepEqual(seen, ["s-r4", "s-r1", "s-r5", "s-r2", "s-r3"]);
    await assert.rejects(search({ cursor: "not-a-cursor" }), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, "invalidArgument");
      assert.deepEqual(
        (error.details.issues as { path: string }[]).map((issue) => issue.path),
        ["query.cursor"],
      );
      return true;
    });
  });

  it("answers an empty page while the index does not exist yet", async () => {
    const page = await new AlgoliaSearchBackend({ ...algoliaConnection(), indexName: "never-synced" }).search(
      SearchQuery.parse({ sort: "rating" }),
    );
    assert.deepEqual(page, {
      items: [],
      nextCursor: null,
      facets: { game: {}, rank: {}, type: {}, language: {}, hasVoiceChat: {} },
      totalHits: 0,
      backend: "algolia",
    });
  });
});

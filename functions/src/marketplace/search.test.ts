import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { AppError, errorBody } from "../common/errors.js";
import { type ApiResponse, call, issuePaths } from "../testing/api-client.js";
import {
  createAgent,
  freshStackWithUsers,
  listingBody,
  publishActive,
  setListingStats,
} from "../testing/marketplace-fixtures.js";
import { searchCatalogue } from "../testing/marketplace-search-catalogue.js";
import type { TestUser } from "../testing/people.js";
import { eventually } from "../testing/stack.js";
import { firestoreSearch } from "./firestore-search.js";
import { SearchQuery } from "./search-contract.js";

/** A search as a client gets it: status and body, from the API or from a backend called in-process. */
type Searcher = (params: string) => Promise<{ status: number; json: ApiResponse["json"] }>;

/** The query string as Express hands it to the route: a repeated key becomes a list. */
function queryObject(params: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(params)) {
    const previous = query[key];
    query[key] = previous === undefined ? value : [...[previous].flat(), value];
  }
  return query;
}

const overHttp: Searcher = (params) => call("GET", `/marketplace/search?${params}`);

// The Firestore backend is called in-process (through the same index-enforcing guard), because the stack
// has Algolia configured and the route answers from it: one suite, both backends, the same expectations.
const firestoreInProcess: Searcher = async (params) => {
  try {
    return { status: 200, json: await firestoreSearch.search(SearchQuery.parse(queryObject(params))) };
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, json: errorBody(error) };
    throw error;
  }
};

for (const [backend, searchWith] of [
  ["algolia", overHttp],
  ["firestore", firestoreInProcess],
] as const)
  describe(`Marketplace search, ${backend} backend`, () => {
    const idOf: Record<string, string> = {};
    const nameOf: Record<string, string> = {};
    let users: Record<"vendor" | "newcomer" | "moderator", TestUser>;

    /** Names of the listings a search answers, in order. */
    const search = async (params: string) => {
      const response = await searchWith(params);
      assert.equal(response.status, 200, JSON.stringify(response.json));
      return response;
    };
    const names = async (params: string) =>
      ((await search(params)).json.items as { listingId: string }[]).map((item) => nameOf[item.listingId]);
    const sortedNames = async (params: string) => (await names(params)).sort();

    // The searches only read, so the catalogue is built once.
    before(async () => {
      users = await freshStackWithUsers({
        vendor: { vendor: true },
        newcomer: { vendor: true },
        moderator: { admin: true },
      });
      for (const [name, fixture] of Object.entries(searchCatalogue)) {
        const agentId = await createAgent(users.vendor.uid, fixture.agent);
        await publishActive(users.vendor, users.moderator, agentId, fixture.text);
        await setListingStats(agentId, fixture.stats);
        idOf[name] = agentId;
        nameOf[agentId] = name;
      }
      // Neither a listing under review nor an unpublished one is ever found.
      const inReview = await createAgent(users.newcomer.uid, { games: ["valorant"] });
      await call("POST", `/agents/${inReview}/publish`, {
        token: users.newcomer.idToken,
        body: listingBody({ title: "Valorant secret" }),
      });
      const retired = await createAgent(users.vendor.uid, { games: ["valorant"] });
      await publishActive(users.vendor, users.moderator, retired, { title: "Valorant retired" });
      await call("POST", `/agents/${retired}/unpublish`, { token: users.vendor.idToken });
      // Listings reach Algolia through the sync trigger: wait until every change has arrived.
      await eventually("the search index to hold the catalogue", async () => {
        const page = await searchWith("q=valorant");
        return page.json.totalHits === 2 ? true : undefined;
      });
    });

    it("finds listings by any word's beginning, ignoring case and accents, every word required", async () => {
      assert.deepEqual(
        await names("q=valorant"),
        ["valorantRoom", "aimCoach"],
        "equal relevance: better rated first",
      );
      assert.deepEqual(await names("q=ESTRATEGIA"), ["dotaDrafts"]);
      assert.deepEqual(await names("q=rotacoes"), ["dotaDrafts"]);
      assert.deepEqual(await names("q=strat"), ["valorantRoom"]);
      assert.deepEqual(await names("q=aim%20valorant"), ["aimCoach"]);
      assert.deepEqual(await names("q=lineups"), ["valorantRoom"]);
      const none = await search("q=tetris");
      assert.deepEqual(none.json.items, []);
      assert.equal(none.json.totalHits, 0);
      assert.deepEqual(none.json.facets.game, {});
    });

    it("ranks a title or tag match above a description match, whatever the ratings", async () => {
      assert.deepEqual(await names("q=companion"), ["leagueBuddy", "aimCoach"]);
      assert.deepEqual(await names("q=draft"), ["dotaDrafts"]);
    });

    it("filters by game, rank (several), type, voice chat, language, nationality, category and tags", async () => {
      assert.deepEqual(await sortedNames("game=valorant"), ["aimCoach", "valorantRoom"]);
      assert.deepEqual(await sortedNames("rank=Gold,Platinum"), ["aimCoach", "dotaDrafts", "valorantRoom"]);
      assert.deepEqual(await sortedNames("rank=Gold&rank=Silver"), ["aimCoach", "leagueBuddy"]);
      assert.deepEqual(await sortedNames("type=Assistant"), ["blockBuilder", "leagueBuddy"]);
      assert.deepEqual(await sortedNames("hasVoiceChat=true"), ["aimCoach", "blockBuilder", "leagueBuddy"]);
      assert.deepEqual(await sortedNames("hasVoiceChat=false"), ["dotaDrafts", "valorantRoom"]);
      assert.deepEqual(await sortedNames("language=pt"), ["aimCoach", "dotaDrafts"]);
      assert.deepEqual(await sortedNames("nationality=US"), ["leagueBuddy", "valorantRoom"]);
      assert.deepEqual(await sortedNames("category=strategy"), ["dotaDrafts", "valorantRoom"]);
      assert.deepEqual(await sortedNames("tags=fps"), ["aimCoach", "valorantRoom"]);
      assert.deepEqual(await sortedNames("tags=duo,draft"), ["dotaDrafts", "leagueBuddy"], "any of the tags");
    });

    it("combines text and filters, each pushed into one indexed query where it can be", async () => {
      assert.deepEqual(await names("q=valorant&type=Mentor&nationality=BR&hasVoiceChat=true"), ["aimCoach"]);
      assert.deepEqual(await sortedNames("game=valorant&type=Mentor&hasVoiceChat=false"), ["valorantRoom"]);
      assert.deepEqual(await sortedNames("category=strategy&nationality=US"), ["valorantRoom"]);
      assert.deepEqual(await sortedNames("q=valorant&game=counter-strike-2&rank=Platinum&minRating=4"), [
        "valorantRoom",
      ]);
    });

    it("filters by price on the chosen period, and by minimum rating", async () => {
      assert.deepEqual(
        await sortedNames("maxPriceDof=200"),
        ["blockBuilder", "leagueBuddy"],
        "hourly by default",
      );
      assert.deepEqual(await sortedNames("pricePeriod=daily&minPriceDof=2000&maxPriceDof=7000"), [
        "aimCoach",
        "dotaDrafts",
        "leagueBuddy",
      ]);
      assert.deepEqual(await sortedNames("pricePeriod=weekly&minPriceDof=30000"), [
        "dotaDrafts",
        "valorantRoom",
      ]);
      assert.deepEqual(await sortedNames("minRating=4.5"), ["aimCoach", "valorantRoom"]);
    });

    it("sorts by relevance, rating, price either way, popularity and newest", async () => {
      assert.deepEqual(await names("sort=rating"), [
        "valorantRoom",
        "aimCoach",
        "dotaDrafts",
        "leagueBuddy",
        "blockBuilder",
      ]);
      assert.deepEqual(await names(""), await names("sort=rating"), "relevance without words is by rating");
      assert.deepEqual(await names("sort=price_asc"), [
        "blockBuilder",
        "leagueBuddy",
        "aimCoach",
        "dotaDrafts",
        "valorantRoom",
      ]);
      assert.deepEqual(await names("sort=price_desc&pricePeriod=weekly"), [
        "valorantRoom",
        "dotaDrafts",
        "aimCoach",
        "leagueBuddy",
        "blockBuilder",
      ]);
      assert.deepEqual(await names("sort=popularity"), [
        "dotaDrafts",
        "aimCoach",
        "valorantRoom",
        "leagueBuddy",
        "blockBuilder",
      ]);
      assert.deepEqual(await names("sort=newest"), [
        "blockBuilder",
        "valorantRoom",
        "leagueBuddy",
        "dotaDrafts",
        "aimCoach",
      ]);
    });

    it("counts facets over every match and answers the contract's shape", async () => {
      const page = await search("q=valorant&limit=1");
      assert.equal(page.json.backend, backend);
      assert.equal(page.json.totalHits, 2);
      assert.deepEqual(page.json.facets, {
        game: { valorant: 2, "counter-strike-2": 1 },
        rank: { Gold: 1, Platinum: 1 },
        type: { Mentor: 2 },
        language: { en: 2, pt: 1 },
        hasVoiceChat: { true: 1, false: 1 },
      });
      const [item] = page.json.items;
      assert.equal(item.listingId, idOf.valorantRoom);
      assert.equal(item.weeklyDof, 40_000);
      assert.equal(item.rating, 4.9);
      assert.equal(item.keywords, undefined, "internal fields stay internal");
      assert.equal(typeof item.publishedAtMs, "number");
    });

    it("pages with a cursor until the last page", async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await search(`sort=price_asc&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
        assert.equal(page.json.totalHits, 5);
        seen.push(...page.json.items.map((item: { listingId: string }) => nameOf[item.listingId]));
        cursor = page.json.nextCursor;
      } while (cursor);
      assert.deepEqual(seen, ["blockBuilder", "leagueBuddy", "aimCoach", "dotaDrafts", "valorantRoom"]);

      const first = await search("sort=price_asc&limit=2");
      const other = await searchWith(`sort=newest&cursor=${first.json.nextCursor}`);
      assert.equal(other.status, 400, "a cursor belongs to its sort");
    });
  });

describe("GET /v1/marketplace/search: validation", () => {
  it("answers bad parameters with 400 and the fields at fault", async () => {
    const cases: [string, string[]][] = [
      ["rank=Diamond", ["query.rank.0"]],
      ["minPriceDof=500&maxPriceDof=100", ["query.minPriceDof"]],
      ["sort=cheapest&hasVoiceChat=yes", ["query.hasVoiceChat", "query.sort"]],
      ["game=tetris&category=gambling", ["query.category", "query.game"]],
      ["limit=0&nationality=br", ["query.limit", "query.nationality"]],
      ["minRating=6&pricePeriod=monthly", ["query.minRating", "query.pricePeriod"]],
    ];
    for (const [params, paths] of cases) {
      const response = await call("GET", `/marketplace/search?${params}`);
      assert.equal(response.status, 400, params);
      assert.equal(response.json.error.code, "invalidArgument");
      assert.deepEqual(issuePaths(response), paths, params);
    }
  });
});

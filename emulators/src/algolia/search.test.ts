import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { failure, startTestAlgolia, type TestAlgolia } from "./testing/test-client.js";

const agents = [
  {
    objectID: "a1",
    title: "Valorant Coach",
    description: "Aim drills",
    game: "Valorant",
    rank: "Gold",
    hourlyDof: 40,
    rating: 4.8,
    voice: true,
    languages: ["en", "pt"],
  },
  {
    objectID: "a2",
    title: "League mentor",
    description: "Valorant too",
    game: "LoL",
    rank: "Silver",
    hourlyDof: 25,
    rating: 4.1,
    voice: false,
    languages: ["en"],
  },
  {
    objectID: "a3",
    title: "Valorous Helper",
    description: "Support main",
    game: "LoL",
    rank: "Gold",
    hourlyDof: 60,
    rating: 3.9,
    voice: true,
    languages: ["fr"],
  },
  {
    objectID: "a4",
    title: "Chess sage",
    description: "Openings",
    game: "Chess",
    rank: "Platinum",
    hourlyDof: 10,
    rating: 5,
    voice: false,
    languages: ["en"],
  },
  {
    objectID: "a5",
    title: "Café crème coach",
    description: "Valorant",
    game: "Valorant",
    rank: "Bronze",
    hourlyDof: 15,
    rating: 4.8,
    voice: false,
    languages: ["pt"],
  },
];

describe("local Algolia server: search (official algoliasearch client)", () => {
  let algolia: TestAlgolia;
  const ids = (hits: { objectID: string }[]) => hits.map((hit) => hit.objectID);
  const search = (searchParams: Record<string, unknown>, indexName = "agents") =>
    algolia.search.searchSingleIndex<Record<string, unknown>>({ indexName, searchParams });

  before(async () => {
    algolia = await startTestAlgolia();
    await algolia.admin.setSettings({
      indexName: "agents",
      indexSettings: {
        searchableAttributes: ["title", "description"],
        attributesForFaceting: ["game", "rank", "searchable(languages)", "voice", "filterOnly(hourlyDof)"],
        customRanking: ["desc(rating)"],
        replicas: ["agents_price_asc", "virtual(agents_price_desc)"],
      },
    });
    await algolia.admin.setSettings({
      indexName: "agents_price_asc",
      indexSettings: { ranking: ["asc(hourlyDof)", "typo", "words", "attribute", "exact", "custom"] },
    });
    await algolia.admin.setSettings({
      indexName: "agents_price_desc",
      indexSettings: { customRanking: ["desc(hourlyDof)"] },
    });
    await algolia.admin.saveObjects({ indexName: "agents", objects: agents, waitForTasks: true });
  });
  after(() => algolia.server.close());

  it("matches every query word, the last one as a prefix, ignoring case and accents", async () => {
    assert.deepEqual(ids((await search({ query: "valor" })).hits), ["a1", "a3", "a5", "a2"]);
    assert.deepEqual(ids((await search({ query: "cafe CREME" })).hits), ["a5"]);
    assert.deepEqual(
      ids((await search({ query: "valor coach" })).hits),
      [],
      "only the last word is a prefix",
    );
    assert.deepEqual(ids((await search({ query: "valorant coach" })).hits), ["a1", "a5"]);
    assert.deepEqual(ids((await search({ query: "valor", queryType: "prefixNone" })).hits), []);
  });

  it("ranks by text relevance (attribute, exact word) before the custom ranking", async () => {
    // a1 has the word in its title, a5 and a2 in their descriptions: then the higher rating wins.
    const result = await search({ query: "valorant" });
    assert.deepEqual(ids(result.hits), ["a1", "a5", "a2"]);
    assert.deepEqual(ids((await search({ query: "" })).hits), ["a4", "a1", "a5", "a2", "a3"]);
  });

  it("filters with the filters string, facetFilters and numericFilters together", async () => {
    const filtered = await search({
      filters: "(rank:Gold OR rank:Silver) AND NOT game:chess",
      facetFilters: [["languages:en", "languages:fr"]],
      numericFilters: ["hourlyDof >= 20"],
    });
    assert.deepEqual(ids(filtered.hits), ["a1", "a2", "a3"]);
    assert.deepEqual(ids((await search({ filters: "voice:true AND hourlyDof:30 TO 60" })).hits), [
      "a1",
      "a3",
    ]);
    assert.deepEqual(ids((await search({ filters: "rating > 4.5", query: "coach" })).hits), ["a1", "a5"]);
  });

  it("counts facets over all hits, for '*' every facet that is not filterOnly", async () => {
    const result = await search({ query: "valor", facets: ["*"], hitsPerPage: 1 });
    assert.deepEqual(result.facets, {
      game: { LoL: 2, Valorant: 2 },
      rank: { Gold: 2, Bronze: 1, Silver: 1 },
      languages: { en: 2, pt: 2, fr: 1 },
      voice: { false: 2, true: 2 },
    });
    const some = await search({ facets: ["game", "hourlyDof", "unknown"], filters: "game:Chess" });
    assert.deepEqual(some.facets, { game: { Chess: 1 } });
  });

  it("pages results and retrieves only the asked attributes", async () => {
    const first = await search({ hitsPerPage: 2, page: 0, attributesToRetrieve: ["title"] });
    assert.deepEqual(first.hits, [
      { objectID: "a4", title: "Chess sage" },
      { objectID: "a1", title: "Valorant Coach" },
    ]);
    assert.equal(first.nbHits, 5);
    assert.equal(first.nbPages, 3);
    const last = await search({ hitsPerPage: 2, page: 2 });
    assert.deepEqual(ids(last.hits), ["a3"]);
    assert.equal((await search({ hitsPerPage: 2, page: 3 })).hits.length, 0);
    assert.match(first.params ?? "", /hitsPerPage=2/);
  });

  it("sorts exhaustively on a standard replica and by custom ranking on a virtual one", async () => {
    assert.deepEqual(ids((await search({}, "agents_price_asc")).hits), ["a4", "a5", "a2", "a1", "a3"]);
    assert.deepEqual(ids((await search({ filters: "game:LoL" }, "agents_price_desc")).hits), ["a3", "a2"]);
  });

  it("answers several queries at once, in order, with the lite client's request shape", async () => {
    const { results } = await algolia.search.search<Record<string, unknown>>({
      requests: [
        { indexName: "agents", query: "chess" },
        { indexName: "agents_price_asc", params: "hitsPerPage=1&filters=game%3AValorant" },
      ],
    });
    assert.deepEqual(
      results.map((result) => ("hits" in result ? ids(result.hits) : [])),
      [["a4"], ["a5"]],
    );
  });

  it("refuses unknown parameters and malformed filters with 400", async () => {
    assert.deepEqual(await failure(search({ hitsPerPag: 2 })), {
      status: 400,
      message: "Unknown parameter: hitsPerPag",
    });
    const bad = await failure(search({ filters: "rank:Gold OR" }));
    assert.equal(bad.status, 400);
    assert.match(bad.message, /^filters: /);
  });
});

import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { firestoreSearch } from "../marketplace/firestore-search.js";
import { SearchQuery } from "../marketplace/search-contract.js";
import { call, issuePaths } from "../testing/api-client.js";
import { createUsers, type TestUser } from "../testing/people.js";
import { sampleAgentBody } from "../testing/sample-agent.js";
import { eventually, resetStack } from "../testing/stack.js";

// Text and filters a player would combine: a Portuguese-speaking Valorant mentor with voice chat, in budget.
const findIt =
  "q=aim%20coach&game=valorant&rank=Gold,Platinum&type=Mentor&hasVoiceChat=true&language=pt&nationality=BR&pricePeriod=hourly&maxPriceDof=600";
const findItQuery = {
  q: "aim coach",
  game: "valorant",
  rank: "Gold,Platinum",
  type: "Mentor",
  hasVoiceChat: "true",
  language: "pt",
  nationality: "BR",
  pricePeriod: "hourly",
  maxPriceDof: "600",
};

describe("A vendor publishes an agent, an admin approves it, a player finds it in both search backends", () => {
  let people: Record<"Vendor" | "Admin" | "Player", TestUser>;
  let agentId: string;

  before(async () => {
    await resetStack();
    people = await createUsers({ Vendor: { vendor: true }, Admin: { admin: true }, Player: {} });
  });

  it("refuses a broken agent with every mistake named, then creates the fixed one", async () => {
    const broken = sampleAgentBody();
    broken.config.fallback = { ...broken.config.primary };
    broken.config.toolkit = ["game_stats", "mind_reader"];
    broken.identity.type = "Specialist";
    broken.config.specialisation.games = [];
    broken.pricing.hourlyDof = 5;
    const refused = await call("POST", "/agents", { token: people.Vendor.idToken, body: broken });
    assert.equal(refused.status, 400);
    for (const path of ["body.config.fallback", "body.config.toolkit.1", "body.pricing.hourlyDof"])
      assert.ok(issuePaths(refused).includes(path), `${path} in ${issuePaths(refused)}`);
    assert.ok(issuePaths(refused).some((path) => path.startsWith("body.config.specialisation.games")));

    const created = await call("POST", "/agents", { token: people.Vendor.idToken, body: sampleAgentBody() });
    assert.equal(created.status, 201);
    agentId = created.json.agentId;
  });

  it("keeps the first listing out of sight until an admin approves it", async () => {
    const published = await call("POST", `/agents/${agentId}/publish`, {
      token: people.Vendor.idToken,
      body: {
        title: "Radiant aim coach",
        description: "Calm, precise coaching for your aim, crosshair placement and economy rounds.",
        tags: ["aim", "fps"],
        categories: ["coaching"],
      },
    });
    assert.equal(published.status, 200);
    assert.equal(published.json.status, "under_review");
    assert.equal(
      (await call("GET", `/marketplace/${agentId}`, { token: people.Player.idToken })).status,
      404,
    );

    const queue = await call("GET", "/admin/listings", { token: people.Admin.idToken });
    assert.deepEqual(
      queue.json.items.map((item: { listingId: string }) => item.listingId),
      [agentId],
    );
    const approved = await call("POST", `/admin/listings/${agentId}/approve`, {
      token: people.Admin.idToken,
    });
    assert.equal(approved.status, 200);
    assert.equal(approved.json.status, "active");
  });

  it("lets a player find it by text and filters: Algolia through the API, Firestore alike", async () => {
    const found = await eventually("the listing to be searchable", async () => {
      const page = await call("GET", `/marketplace/search?${findIt}`, { token: people.Player.idToken });
      return page.json.totalHits === 1 ? page.json : undefined;
    });
    assert.equal(found.backend, "algolia");
    assert.equal(found.items[0].listingId, agentId);
    assert.equal(found.items[0].hourlyDof, 500);

    const fromFirestore = await firestoreSearch.search(SearchQuery.parse(findItQuery));
    assert.equal(fromFirestore.backend, "firestore");
    assert.deepEqual({ ...fromFirestore, backend: "algolia" }, found, "the same page from either backend");

    const tooExpensive = await call("GET", `/marketplace/search?${findIt.replace("600", "400")}`);
    assert.equal(tooExpensive.json.totalHits, 0);

    const detail = await call("GET", `/marketplace/${agentId}`, { token: people.Player.idToken });
    assert.equal(detail.status, 200);
    assert.equal(detail.json.title, "Radiant aim coach");
  });
});

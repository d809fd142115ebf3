import assert from "node:assert/strict";
import { before, beforeEach, describe, it } from "node:test";
import { call, errorCode, issuePaths } from "../testing/api-client.js";
import {
  createAgent,
  freshStackWithUsers,
  type ListingText,
  publishActive,
  setListingStats,
} from "../testing/marketplace-fixtures.js";
import type { TestUser } from "../testing/people.js";
import { resetFirestore } from "../testing/stack.js";
import type { ListingStats } from "./schemas.js";

describe("browsing the marketplace: /v1/marketplace, featured, categories, one listing", () => {
  let users: Record<"vendor" | "player" | "moderator", TestUser>;

  before(async () => {
    users = await freshStackWithUsers({ vendor: { vendor: true }, player: {}, moderator: { admin: true } });
  });
  beforeEach(resetFirestore);

  /** An active listing of the vendor's, with the given statistics; returns its id. */
  async function activeListing(text: ListingText = {}, stats: Partial<ListingStats> = {}): Promise<string> {
    const agentId = await createAgent(users.vendor.uid);
    await publishActive(users.vendor, users.moderator, agentId, text);
    await setListingStats(agentId, stats);
    return agentId;
  }
  const ids = (response: { json: { items: { listingId: string }[] } }) =>
    response.json.items.map((item) => item.listingId);
  const pin = (listingId: string, method = "POST") =>
    call(method, `/admin/listings/${listingId}/feature`, { token: users.moderator.idToken });

  it("features pinned listings first, newest pin on top, then by rating with confidence and recent hires", async () => {
    const oneFiveStar = await activeListing({}, { rating: 5, ratingCount: 1 });
    const provenGood = await activeListing({}, { rating: 4.8, ratingCount: 100 });
    const inDemand = await activeListing({}, { rating: 4, ratingCount: 20, recentHires: 50 });
    const brandNew = await activeListing();
    const featured = async (query = "") => ids(await call("GET", `/marketplace/featured${query}`));

    assert.deepEqual(await featured(), [provenGood, inDemand, oneFiveStar, brandNew]);
    assert.equal((await pin(brandNew)).status, 200);
    const pinned = await pin(oneFiveStar);
    assert.equal(pinned.json.featured, true);
    assert.deepEqual(await featured(), [oneFiveStar, brandNew, provenGood, inDemand]);
    assert.deepEqual(await featured("?limit=3"), [oneFiveStar, brandNew, provenGood]);
    assert.equal((await pin(oneFiveStar)).status, 200, "pinning twice is harmless");
    assert.deepEqual(await featured("?limit=1"), [oneFiveStar], "and keeps the original pin time");

    assert.equal((await pin(oneFiveStar, "DELETE")).status, 204);
    assert.equal((await pin(oneFiveStar, "DELETE")).status, 204);
    assert.deepEqual(await featured(), [brandNew, provenGood, inDemand, oneFiveStar]);
  });

  it("pins only active listings and drops a pinned listing that goes away", async () => {
    const listing = await activeListing();
    await pin(listing);
    await call("POST", `/agents/${listing}/unpublish`, { token: users.vendor.idToken });
    assert.deepEqual(ids(await call("GET", "/marketplace/featured")), []);
    const refused = await pin(listing);
    assert.equal(refused.status, 409);
    assert.equal(refused.json.error.details.status, "unpublished");
    assert.equal((await pin("no-such-listing")).status, 404);
    assert.equal(
      (await call("POST", `/admin/listings/${listing}/feature`, { token: users.vendor.idToken })).status,
      403,
    );
  });

  it("counts active listings per category, following status and category changes", async () => {
    const counts = async () => {
      const response = await call("GET", "/marketplace/categories");
      const items = response.json.items as { category: string; label: string; activeListings: number }[];
      return Object.fromEntries(items.map((item) => [item.category, item.activeListings]));
    };
    const all = await counts();
    assert.ok(Object.keys(all).length >= 6 && Object.values(all).every((count) => count === 0));

    const both = await activeListing({ categories: ["coaching", "strategy"] });
    const coach = await activeListing({ categories: ["coaching"] });
    await activeListing({ categories: ["creative"] });
    assert.deepEqual({ ...(await counts()) }, { ...all, coaching: 2, strategy: 1, creative: 1 });

    await call("POST", `/agents/${coach}/unpublish`, { token: users.vendor.idToken });
    await call("POST", `/agents/${both}/publish`, {
      token: users.vendor.idToken,
      body: {
        title: "Now a creative one",
        description: "Moved to another category.",
        categories: ["creative"],
      },
    });
    assert.deepEqual({ ...(await counts()) }, { ...all, creative: 2 });
  });

  it("lists active listings newest first, by rating or by popularity, a page at a time", async () => {
    const first = await activeListing({}, { rating: 3, ratingCount: 10, recentHires: 40 });
    const second = await activeListing({}, { rating: 5, ratingCount: 10, recentHires: 1 });
    const third = await activeListing({}, { rating: 4, ratingCount: 10, recentHires: 9 });

    const page1 = await call("GET", "/marketplace?limit=2");
    assert.deepEqual(ids(page1), [third, second]);
    const page2 = await call("GET", `/marketplace?limit=2&cursor=${page1.json.nextCursor}`);
    assert.deepEqual(ids(page2), [first]);
    assert.equal(page2.json.nextCursor, null);

    assert.deepEqual(ids(await call("GET", "/marketplace?sort=rating")), [second, third, first]);
    assert.deepEqual(ids(await call("GET", "/marketplace?sort=popularity")), [first, third, second]);
    const item = (await call("GET", "/marketplace?limit=1")).json.items[0];
    assert.deepEqual(item.stats, { rating: 4, ratingCount: 10, recentHires: 9, totalHires: 0 });
    assert.equal(item.keywords, undefined);

    const bad = await call("GET", "/marketplace?sort=cheapest&limit=500");
    assert.equal(bad.status, 400);
    assert.deepEqual(issuePaths(bad), ["query.limit", "query.sort"]);
  });

  it("shows one active listing to anyone, with room for reviews", async () => {
    const listing = await activeListing({ title: "Clutch trainer" }, { rating: 4.5, ratingCount: 2 });
    const page = await call("GET", `/marketplace/${listing}`, { token: users.player.idToken });
    assert.equal(page.status, 200);
    assert.equal(page.json.title, "Clutch trainer");
    assert.equal(page.json.status, "active");
    assert.deepEqual(page.json.featuredReviews, []);
    assert.equal(page.json.stats.rating, 4.5);
    assert.equal(page.json.moderation, undefined);
    const own = await call("GET", `/marketplace/${listing}`, { token: users.vendor.idToken });
    assert.equal(own.json.moderation.history.at(-1).action, "approve");

    assert.equal((await call("GET", "/marketplace/no-such-listing")).status, 404);
    assert.deepEqual(issuePaths(await call("GET", "/marketplace/bad%20id!")), ["params.listingId"]);
  });

  it("keeps its fixed paths apart from listing ids and answers other methods with 405", async () => {
    for (const path of ["/marketplace/featured", "/marketplace/categories", "/marketplace/search"])
      assert.equal((await call("GET", path)).status, 200, path);
    const post = await call("POST", "/marketplace/featured");
    assert.equal(post.status, 405);
    assert.equal(post.headers.get("allow"), "GET");
    assert.equal((await call("DELETE", "/marketplace/some-listing")).status, 405);
    assert.equal(
      errorCode(await call("GET", "/agents/x/publish", { token: users.vendor.idToken })),
      "methodNotAllowed",
    );
  });

  it("serves API keys with the marketplace:read scope only", async () => {
    const newKey = async (scopes: string[]) =>
      (
        await call("POST", "/api-keys", {
          token: users.player.idToken,
          body: { name: "game client", scopes },
        })
      ).json.key as string;
    const reader = await newKey(["marketplace:read"]);
    const profileOnly = await newKey(["profile:read"]);
    for (const path of [
      "/marketplace",
      "/marketplace/featured",
      "/marketplace/categories",
      "/marketplace/search?q=aim",
    ]) {
      assert.equal((await call("GET", path, { apiKey: reader })).status, 200, path);
      const refused = await call("GET", path, { apiKey: profileOnly });
      assert.equal(refused.status, 403, path);
      assert.equal(refused.json.error.details.requiredScope, "marketplace:read");
    }
  });

  it("keeps the OpenAPI document buildable with every marketplace route in it", async () => {
    const document = await call("GET", "/openapi.json");
    assert.equal(document.status, 200);
    const paths = Object.keys(document.json.paths).join(" ");
    for (const fragment of ["/marketplace/search", "/marketplace/featured", "/agents/", "/admin/listings"])
      assert.ok(paths.includes(fragment), fragment);
  });
});

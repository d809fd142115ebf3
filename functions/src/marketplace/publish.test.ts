import assert from "node:assert/strict";
import { before, beforeEach, describe, it } from "node:test";
import { call, errorCode, issuePaths } from "../testing/api-client.js";
import {
  agentListingStatus,
  createAgent,
  freshStackWithUsers,
  listingBody,
} from "../testing/marketplace-fixtures.js";
import type { TestUser } from "../testing/people.js";
import { eventually, resetFirestore } from "../testing/stack.js";

const publish = (user: TestUser, agentId: string, body: unknown = listingBody()) =>
  call("POST", `/agents/${agentId}/publish`, { token: user.idToken, body });
const unpublish = (user: TestUser, agentId: string) =>
  call("POST", `/agents/${agentId}/unpublish`, { token: user.idToken });
const decide = (user: TestUser, listingId: string, action: string, reason?: string) =>
  call("POST", `/admin/listings/${listingId}/${action}`, {
    token: user.idToken,
    body: reason === undefined ? undefined : { reason },
  });
const publicIds = async (path: string) =>
  ((await call("GET", path)).json.items as { listingId: string }[]).map((item) => item.listingId);
/** Search answers from Algolia in the stack, which listings reach through a trigger: wait for the state. */
const searchFinds = async (q: string, expected: string[]) => {
  let last: string[] = [];
  await eventually(`search for "${q}" to find ${JSON.stringify(expected)}`, async () => {
    last = await publicIds(`/marketplace/search?q=${encodeURIComponent(q)}`);
    return JSON.stringify(last) === JSON.stringify(expected) ? true : undefined;
  }).catch(() => assert.deepEqual(last, expected, `search for "${q}"`));
};
const coachingCount = async () =>
  (
    (await call("GET", "/marketplace/categories")).json.items as {
      category: string;
      activeListings: number;
    }[]
  ).find((item) => item.category === "coaching")?.activeListings;

describe("publishing and moderating listings: /agents/:agentId/publish, /admin/listings/*", () => {
  let users: Record<"vendor" | "rival" | "player" | "moderator", TestUser>;
  let agentId: string;

  // Accounts are made once (sign-ups are slow on a busy machine); every test starts from empty Firestore.
  before(async () => {
    users = await freshStackWithUsers({
      vendor: { vendor: true },
      rival: { vendor: true },
      player: {},
      moderator: { admin: true },
    });
  });
  beforeEach(async () => {
    await resetFirestore();
    agentId = await createAgent(users.vendor.uid, { rank: "Platinum", voiceChat: true });
  });

  it("reviews a vendor's first listing, then shows it everywhere once approved", async () => {
    const first = await publish(users.vendor, agentId);
    assert.equal(first.status, 200);
    assert.equal(first.json.status, "under_review");
    assert.equal(first.json.rank, "Platinum", "searchable fields are copied from the agent");
    assert.equal(first.json.hasVoiceChat, true);
    assert.deepEqual(first.json.pricing, { hourlyDof: 500, dailyDof: 5_000, weeklyDof: 25_000 });
    assert.equal(await agentListingStatus(agentId), "under_review");

    assert.equal((await call("GET", `/marketplace/${agentId}`)).status, 404, "not public while in review");
    assert.deepEqual(await publicIds("/marketplace"), []);
    await searchFinds("valorant", []);
    assert.equal(await coachingCount(), 0);
    const own = await call("GET", `/marketplace/${agentId}`, { token: users.vendor.idToken });
    assert.equal(own.json.status, "under_review");

    const queue = await call("GET", "/admin/listings", { token: users.moderator.idToken });
    assert.deepEqual(
      queue.json.items.map((item: { listingId: string }) => item.listingId),
      [agentId],
    );

    const approved = await decide(users.moderator, agentId, "approve");
    assert.equal(approved.status, 200);
    assert.equal(approved.json.status, "active");
    assert.equal(await agentListingStatus(agentId), "active");
    assert.deepEqual(await publicIds("/marketplace"), [agentId]);
    await searchFinds("valorant", [agentId]);
    assert.equal(await coachingCount(), 1);
    const page = await call("GET", `/marketplace/${agentId}`);
    assert.equal(page.status, 200);
    assert.deepEqual(page.json.featuredReviews, []);
    assert.equal(page.json.moderation, undefined, "the public does not see the moderation trail");
    assert.deepEqual(
      (await call("GET", "/admin/listings", { token: users.moderator.idToken })).json.items,
      [],
    );
  });

  it("puts a vendor's later listings live at once, and republishing an active one keeps it live", async () => {
    await publish(users.vendor, agentId);
    await decide(users.moderator, agentId, "approve");
    const second = await createAgent(users.vendor.uid);
    const published = await publish(users.vendor, second);
    assert.equal(published.json.status, "active");
    assert.equal(await agentListingStatus(second), "active");

    const edited = await publish(users.vendor, agentId, listingBody({ title: "Radiant aim clinic" }));
    assert.equal(edited.json.status, "active");
    await searchFinds("radiant", [agentId]);
    await searchFinds("radiant valorant", []);

    const rivals = await createAgent(users.rival.uid);
    assert.equal((await publish(users.rival, rivals)).json.status, "under_review", "approval is per vendor");
  });

  it("tells the owner why a listing was rejected, and reviews it again when republished", async () => {
    await publish(users.vendor, agentId);
    const rejected = await decide(users.moderator, agentId, "reject", "The description promises boosting.");
    assert.equal(rejected.status, 200);
    assert.equal(rejected.json.status, "unpublished");
    assert.equal(await agentListingStatus(agentId), "unpublished");

    const own = await call("GET", `/marketplace/${agentId}`, { token: users.vendor.idToken });
    assert.equal(own.json.moderation.reason, "The description promises boosting.");
    const history = own.json.moderation.history as { action: string; actor: string; reason: string | null }[];
    assert.deepEqual(
      history.map(({ action, actor }) => `${actor}:${action}`),
      ["owner:publish", "admin:reject"],
    );
    assert.ok(!JSON.stringify(history).includes(users.moderator.uid), "moderators stay anonymous");
    assert.equal((await call("GET", `/marketplace/${agentId}`, { token: users.player.idToken })).status, 404);

    const again = await publish(users.vendor, agentId);
    assert.equal(again.json.status, "under_review");
    assert.equal(again.json.moderation.reason, null);
  });

  it("suspends a listing for good: off the marketplace, and the owner can neither republish nor unpublish it", async () => {
    await publish(users.vendor, agentId);
    await decide(users.moderator, agentId, "approve");
    const suspended = await decide(users.moderator, agentId, "suspend", "Reported for cheating.");
    assert.equal(suspended.json.status, "suspended");
    assert.equal(await agentListingStatus(agentId), "suspended");
    assert.deepEqual(await publicIds("/marketplace"), []);
    assert.equal(await coachingCount(), 0);

    const republished = await publish(users.vendor, agentId);
    assert.equal(republished.status, 409);
    assert.equal(republished.json.error.details.status, "suspended");
    assert.equal((await unpublish(users.vendor, agentId)).status, 409);
    assert.equal((await decide(users.moderator, agentId, "suspend", "Again.")).status, 409);
    const own = await call("GET", `/marketplace/${agentId}`, { token: users.vendor.idToken });
    assert.equal(own.json.moderation.reason, "Reported for cheating.");
  });

  it("lets the owner unpublish and come back without a new review", async () => {
    await publish(users.vendor, agentId);
    await decide(users.moderator, agentId, "approve");
    const off = await unpublish(users.vendor, agentId);
    assert.equal(off.json.status, "unpublished");
    assert.equal(await agentListingStatus(agentId), "unpublished");
    assert.deepEqual(await publicIds("/marketplace"), []);
    const again = await unpublish(users.vendor, agentId);
    assert.equal(again.status, 200, "unpublishing twice is harmless");
    assert.equal(again.json.moderation.history.length, 3);

    assert.equal((await publish(users.vendor, agentId)).json.status, "active");
    assert.deepEqual(await publicIds("/marketplace"), [agentId]);
  });

  it("refuses moderation actions that the listing's status does not allow", async () => {
    await publish(users.vendor, agentId);
    await decide(users.moderator, agentId, "approve");
    for (const [action, reason] of [
      ["approve", undefined],
      ["reject", "Too late."],
    ] as const) {
      const refused = await decide(users.moderator, agentId, action, reason);
      assert.equal(refused.status, 409);
      assert.equal(errorCode(refused), "conflict");
    }
    assert.equal((await decide(users.moderator, "no-such-listing", "approve")).status, 404);
    assert.equal((await unpublish(users.vendor, await createAgent(users.vendor.uid))).status, 404);
  });

  it("lets only the owning vendor publish, and only admins moderate", async () => {
    assert.equal((await publish(users.rival, agentId)).status, 404, "someone else's agent looks missing");
    assert.equal((await unpublish(users.rival, agentId)).status, 404);
    assert.equal((await publish(users.vendor, "no-such-agent")).status, 404);
    assert.equal((await publish(users.player, agentId)).status, 403, "players are not vendors");
    assert.equal((await call("POST", `/agents/${agentId}/publish`, { body: listingBody() })).status, 401);

    await publish(users.vendor, agentId);
    assert.equal((await decide(users.vendor, agentId, "approve")).status, 403);
    assert.equal((await call("GET", "/admin/listings", { token: users.vendor.idToken })).status, 403);
    assert.equal((await call("GET", `/marketplace/${agentId}`, { token: users.rival.idToken })).status, 404);
    const asAdmin = await call("GET", `/marketplace/${agentId}`, { token: users.moderator.idToken });
    assert.equal(asAdmin.json.status, "under_review");
  });

  it("rejects malformed listings with field-level details and writes nothing", async () => {
    const bad = await publish(users.vendor, agentId, {
      title: "x",
      description: "Fine description here.",
      tags: Array.from({ length: 11 }, (_, i) => `tag${i}`),
      categories: ["coaching", "gambling"],
      price: 1,
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(issuePaths(bad), ["body", "body.categories.1", "body.tags", "body.title"]);
    const noReason = await call("POST", `/admin/listings/${agentId}/reject`, {
      token: users.moderator.idToken,
      body: {},
    });
    assert.deepEqual(issuePaths(noReason), ["body.reason"]);
    assert.equal(await agentListingStatus(agentId), null);
    assert.equal((await call("GET", `/marketplace/${agentId}`, { token: users.vendor.idToken })).status, 404);
  });

  it("normalises tags: lower case, trimmed, each once", async () => {
    const published = await publish(
      users.vendor,
      agentId,
      listingBody({ tags: [" Aim ", "aim", "Clutch Plays"] }),
    );
    assert.deepEqual(published.json.tags, ["aim", "clutch plays"]);
  });
});

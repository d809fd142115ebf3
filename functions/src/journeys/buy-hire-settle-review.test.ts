import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { get, onValue, ref } from "firebase/database";
import { Collections } from "../common/collections.js";
import { call } from "../testing/api-client.js";
import { type ClientApp, signedInClient } from "../testing/client-app.js";
import { hire, reportUsage, runSettlement, runtimeKey } from "../testing/hiring.js";
import { assertLedgerInvariants, earningsBalance, walletBalance } from "../testing/ledger-invariants.js";
import { createAgent, freshStackWithUsers, publishActive } from "../testing/marketplace-fixtures.js";
import type { TestUser } from "../testing/people.js";
import { buyDofThroughShopify } from "../testing/shopify.js";
import { admin, eventually } from "../testing/stack.js";

interface LiveMeter {
  consumedDof: number;
  remainingDof: number;
  status: string;
}

/**
 * The DOF economy end to end, as its users see it: a player buys DOF through a signed Shopify webhook, hires
 * an agent, watches the meter live from the Firebase SDK while the agent's runtime reports usage, ends the
 * session; settlement splits what was used between the agent's owner, its creator and the platform and
 * gives the rest back; the player reviews the agent and its rating moves.
 */
describe("journey: buy DOF, hire, meter live, settle, review", () => {
  let people: Record<"vendor" | "creator" | "player" | "stranger" | "moderator", TestUser>;
  let listingId: string;
  let playerClient: ClientApp;
  let strangerClient: ClientApp;

  before(async () => {
    people = await freshStackWithUsers({
      vendor: { vendor: true },
      creator: {},
      player: {},
      stranger: {},
      moderator: { admin: true },
    });
    listingId = await createAgent(people.vendor.uid, {
      name: "Aim Sensei",
      pricing: { hourlyDof: 1_200, dailyDof: 12_000, weeklyDof: 60_000 },
    });
    await admin.db().collection(Collections.agents).doc(listingId).update({ creatorUid: people.creator.uid });
    await publishActive(people.vendor, people.moderator, listingId);
    playerClient = await signedInClient(people.player.email, people.player.password);
    strangerClient = await signedInClient(people.stranger.email, people.stranger.password);
  });
  after(async () => {
    await Promise.all([playerClient.close(), strangerClient.close()]);
  });

  it("goes from a Shopify payment to a split in three wallets and a rating", async () => {
    const { player, vendor, creator } = people;
    await buyDofThroughShopify(player.uid);
    const bronze = (await call("GET", "/store/packages")).json.items.find(
      (item: { packageId: string }) => item.packageId === "DOF-150K-BRONZE",
    );
    const bought = bronze.dofAmount + bronze.bonusDof;
    assert.equal((await call("GET", "/profile/wallet", { token: player.idToken })).json.balanceDof, bought);

    const hired = await hire(player, listingId, { duration: "daily", configuration: { game: "valorant" } });
    assert.equal(hired.status, 201, JSON.stringify(hired.json));
    const { sessionId, livePath } = hired.json;
    assert.equal(hired.json.escrowDof, 12_000);

    const seen: LiveMeter[] = [];
    const unsubscribe = onValue(ref(playerClient.database, livePath), (snapshot) => {
      if (snapshot.exists()) seen.push(snapshot.val());
    });
    await assert.rejects(get(ref(strangerClient.database, livePath)), /permission.denied/i);

    const key = await runtimeKey(vendor);
    for (const minutes of [10, 20, 30])
      assert.equal((await reportUsage(key, sessionId, { activeMinutes: minutes })).status, 200);
    // An hour at 1,200 an hour, reported in three parts.
    await eventually("the player's listener saw the hour", async () =>
      seen.some((meter) => meter.consumedDof === 1_200 && meter.remainingDof === 10_800) ? true : undefined,
    );
    assert.equal((await call("DELETE", `/sessions/${sessionId}`, { token: player.idToken })).status, 200);
    await runSettlement();
    await eventually("the player's listener saw the session settle", async () =>
      seen.at(-1)?.status === "settled" ? true : undefined,
    );
    unsubscribe();
    const consumed = seen.map((meter) => meter.consumedDof);
    assert.deepEqual(
      consumed,
      [...consumed].sort((a, b) => a - b),
      "the meter never goes back",
    );

    const ledger = await assertLedgerInvariants();
    assert.equal(earningsBalance(ledger, vendor.uid), 840);
    assert.equal(earningsBalance(ledger, creator.uid), 120);
    assert.equal(ledger.balances.get("platformRevenue"), 240);
    assert.equal(walletBalance(ledger, player.uid), bought - 1_200);
    const wallet = (await call("GET", "/profile/wallet", { token: player.idToken })).json;
    assert.deepEqual(
      { balanceDof: wallet.balanceDof, escrowDof: wallet.escrowDof },
      { balanceDof: bought - 1_200, escrowDof: 0 },
    );

    const review = await call("POST", `/sessions/${sessionId}/review`, {
      token: player.idToken,
      body: { rating: 4, title: "Sharp", comment: "My flicks got faster within the hour." },
    });
    assert.equal(review.status, 201, JSON.stringify(review.json));
    assert.equal(review.json.hoursUsed, 1);
    const listing = await eventually("the rating moved", async () => {
      const detail = (await call("GET", `/marketplace/${listingId}`)).json;
      return detail.stats.ratingCount === 1 ? detail : undefined;
    });
    assert.equal(listing.stats.rating, 4);
    assert.equal(listing.featuredReviews[0].comment, "My flicks got faster within the hour.");
    await assertLedgerInvariants();
  });
});

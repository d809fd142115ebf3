import assert from "node:assert/strict";
import { before, beforeEach, describe, it } from "node:test";
import { Collections } from "../common/collections.js";
import { Accounts } from "../ledger/accounts.js";
import { post } from "../ledger/post.js";
import { call } from "../testing/api-client.js";
import { feedOf } from "../testing/feeds.js";
import { assertLedgerInvariants, walletBalance } from "../testing/ledger-invariants.js";
import { freshStackWithUsers } from "../testing/marketplace-fixtures.js";
import type { TestUser } from "../testing/people.js";
import {
  buyDofThroughShopify,
  ledgerRecord,
  postShopifyWebhook,
  shopControl,
  syncPackagesNow,
} from "../testing/shopify.js";
import { admin, resetFirestore, resetRealtimeDatabase } from "../testing/stack.js";

const count = async (collection: string) =>
  (await admin.db().collection(collection).count().get()).data().count;

describe("the shopifyWebhooks function: signatures, replays, cancellations and refunds", () => {
  let users: Record<"buyer" | "friend", TestUser>;
  before(async () => {
    users = await freshStackWithUsers({ buyer: {}, friend: {} });
  });
  beforeEach(async () => {
    await Promise.all([resetFirestore(), resetRealtimeDatabase()]);
    await syncPackagesNow();
  });

  it("refuses forged, unsigned, foreign and stale webhooks with 401 and writes nothing", async () => {
    const order = {
      id: 123456789,
      admin_graphql_api_id: "gid://shopify/Order/123456789",
      financial_status: "paid",
      note_attributes: [{ name: "jiga_uid", value: users.buyer.uid }],
      line_items: [{ sku: "DOF-3M-PLATINUM", variant_id: 44000000004, quantity: 1, price: "0.01" }],
    };
    const hourMs = 60 * 60 * 1000;
    const refused = [
      await postShopifyWebhook("orders/paid", order, { secret: "guessed-secret" }),
      await postShopifyWebhook("orders/paid", order, { hmac: null }),
      await postShopifyWebhook("orders/paid", order, { shopDomain: "someone-else.myshopify.com" }),
      await postShopifyWebhook("orders/paid", order, {
        triggeredAt: new Date(Date.now() - 25 * hourMs).toISOString(),
      }),
      await postShopifyWebhook("orders/paid", order, {
        triggeredAt: new Date(Date.now() + hourMs).toISOString(),
      }),
    ];
    assert.deepEqual(
      refused.map((answer) => answer.status),
      [401, 401, 401, 401, 401],
    );
    for (const collection of [Collections.webhookEvents, Collections.transactions, Collections.purchases])
      assert.equal(await count(collection), 0, `${collection} is untouched`);
    // Signed correctly, it passes the checks; the shop has no such order, so nothing is credited.
    const genuine = await postShopifyWebhook("orders/paid", order);
    assert.equal(genuine.status, 200, genuine.body);
    assert.equal(JSON.parse(genuine.body).outcome, "order_not_found");
    assert.equal(await count(Collections.transactions), 0);
    await assertLedgerInvariants();
  });

  it("credits DOF exactly once when each webhook arrives 10 times at once and again late", async () => {
    const started = await call("POST", "/transactions/purchase", {
      token: users.buyer.idToken,
      body: { packageId: "DOF-1200K-GOLD", idempotencyKey: "replayed-gold-01" },
    });
    assert.equal(started.status, 201, JSON.stringify(started.json));
    const paid = await shopControl(`checkouts/${started.json.checkoutUrl.split("/").pop()}/complete`);
    for (const delivery of paid.deliveries as Array<{ webhookId: string }>) {
      const burst = await shopControl(`webhooks/${delivery.webhookId}/resend`, { copies: 10 });
      assert.equal(burst.statuses.length, 10);
      const late = await shopControl(`webhooks/${delivery.webhookId}/resend`, { copies: 1 });
      assert.deepEqual(late.statuses, [200], "a late copy is acknowledged");
    }
    // The same order paid again under a new webhook id (Shopify may): the order id keeps it once too.
    const order = (await shopControl(`orders/${paid.order.id}`, {}, "GET")).order;
    assert.equal((await postShopifyWebhook("orders/paid", order)).status, 200);

    assert.equal((await ledgerRecord(started.json.transactionId))?.status, "posted");
    const snapshot = await assertLedgerInvariants();
    assert.equal(walletBalance(snapshot, users.buyer.uid), 1_320_000);
    assert.equal(snapshot.transactions.filter((record) => record.type === "purchase").length, 1);
    const events = await admin.db().collection(Collections.webhookEvents).get();
    assert.deepEqual(
      events.docs.map((doc) => doc.get("status")).sort(),
      ["ignored", "processed", "processed"],
      "orders/create ignored; orders/paid twice (two webhook ids), each processed",
    );
    const completed = (await feedOf(users.buyer.uid)).filter(
      (event) => event.type === "transaction.completed",
    );
    assert.equal(completed.length, 1);
  });

  it("claws back a refund after spending up to the balance, records the shortfall and flags the account", async () => {
    const { orderId } = await buyDofThroughShopify(users.buyer.uid, {
      packageId: "DOF-500K-SILVER",
      quantity: 2,
    });
    // The buyer spends most of the 1,050,000 DOF before the refund.
    await admin.db().runTransaction((transaction) =>
      post(transaction, [
        {
          transactionId: `transfer_${users.buyer.uid}_spend-before-refund`,
          type: "transfer",
          debit: Accounts.wallet(users.buyer.uid),
          credit: Accounts.wallet(users.friend.uid),
          amountDof: 900_000,
        },
      ]),
    );
    const order = (await shopControl(`orders/${orderId}`, {}, "GET")).order;
    const lineItemId = order.line_items[0].id;

    // One of two units refunded: 525,000 due, 150,000 left in the wallet.
    const first = await shopControl(`orders/${orderId}/refund`, { lines: [{ lineItemId, quantity: 1 }] });
    assert.deepEqual(first.deliveries[0].statuses, [200]);
    const afterFirst = await assertLedgerInvariants();
    assert.equal(walletBalance(afterFirst, users.buyer.uid), 0);
    const purchaseRef = admin.db().collection(Collections.purchases).doc(`order_${orderId}`);
    let stored = (await purchaseRef.get()).data();
    assert.equal(stored?.status, "reversed");
    assert.equal(stored?.reversedDof, 150_000);
    assert.equal(stored?.shortfallDof, 375_000);

    // The redelivered refund changes nothing; the second unit's refund is all shortfall.
    await shopControl(`webhooks/${first.deliveries[0].webhookId}/resend`, { copies: 5 });
    await shopControl(`orders/${orderId}/refund`);
    stored = (await purchaseRef.get()).data();
    assert.equal(stored?.reversedDof, 150_000);
    assert.equal(stored?.shortfallDof, 900_000);
    const flag = (await admin.db().collection(Collections.accountFlags).doc(users.buyer.uid).get()).data();
    assert.equal(flag?.flagged, true);
    assert.equal(flag?.shortfallDof, 900_000);
    assert.equal(flag?.shortfalls.length, 2);
    const reversed = (await feedOf(users.buyer.uid)).filter((event) => event.type === "transaction.reversed");
    assert.deepEqual(
      reversed.map((event) => event.data.amountDof),
      [150_000],
    );
    // Cancelling the refunded order afterwards takes nothing more.
    await shopControl(`orders/${orderId}/cancel`);
    const final = await assertLedgerInvariants();
    assert.equal(walletBalance(final, users.buyer.uid), 0);
    assert.equal(walletBalance(final, users.friend.uid), 900_000);
    assert.equal((await purchaseRef.get()).get("reversedDof"), 150_000);
  });

  it("claws back everything that remains when a paid order is cancelled", async () => {
    const { orderId } = await buyDofThroughShopify(users.buyer.uid);
    const cancelled = await shopControl(`orders/${orderId}/cancel`);
    assert.deepEqual(cancelled.deliveries[0].statuses, [200]);
    const snapshot = await assertLedgerInvariants();
    assert.equal(walletBalance(snapshot, users.buyer.uid), 0);
    assert.equal(snapshot.transactions.filter((record) => record.type === "purchase_reversal").length, 1);
    assert.equal(await count(Collections.accountFlags), 0);
  });
});

import assert from "node:assert/strict";
import { before, beforeEach, describe, it } from "node:test";
import { Collections } from "../common/collections.js";
import { call, errorCode } from "../testing/api-client.js";
import { feedOf } from "../testing/feeds.js";
import { assertLedgerInvariants, walletBalance } from "../testing/ledger-invariants.js";
import { freshStackWithUsers } from "../testing/marketplace-fixtures.js";
import type { TestUser } from "../testing/people.js";
import {
  buyDofThroughShopify,
  ledgerRecord,
  localShop,
  shopControl,
  syncPackagesNow,
} from "../testing/shopify.js";
import { admin, resetFirestore, resetRealtimeDatabase } from "../testing/stack.js";

const bronze = "DOF-150K-BRONZE";
const silver = "DOF-500K-SILVER";

const purchase = (user: TestUser, packageId: string, idempotencyKey: string) =>
  call("POST", "/transactions/purchase", { token: user.idToken, body: { packageId, idempotencyKey } });

describe("buying DOF: POST /transactions/purchase, the local checkout and the paid webhook", () => {
  let users: Record<"buyer" | "other", TestUser>;
  before(async () => {
    users = await freshStackWithUsers({ buyer: {}, other: {} });
  });
  beforeEach(async () => {
    await Promise.all([resetFirestore(), resetRealtimeDatabase()]);
    await syncPackagesNow();
  });

  it("records a pending purchase with a checkout URL, and credits it once when the checkout is paid", async () => {
    const started = await purchase(users.buyer, bronze, "buy-bronze-0001");
    assert.equal(started.status, 201, JSON.stringify(started.json));
    const { purchaseId, transactionId, checkoutUrl } = started.json;
    assert.deepEqual(started.json, {
      purchaseId,
      transactionId,
      checkoutUrl,
      amountDof: 150_000,
      status: "pending",
    });
    assert.ok(checkoutUrl.startsWith(`${localShop.url}/checkouts/`));
    const pending = await ledgerRecord(transactionId);
    assert.equal(pending?.status, "pending");
    assert.deepEqual(pending?.references, { purchaseId, packageId: bronze });
    assert.equal(pending?.creditAccountId, `wallet:${users.buyer.uid}`);
    assert.equal(walletBalance(await assertLedgerInvariants(), users.buyer.uid), 0);

    const again = await purchase(users.buyer, bronze, "buy-bronze-0001");
    assert.deepEqual(again.json, started.json, "the same key answers the same purchase");

    const page = await fetch(checkoutUrl);
    assert.match(await page.text(), /150,000 DOFs – Bronze[\s\S]*Pay/);
    const paid = await shopControl(`checkouts/${checkoutUrl.split("/").pop()}/complete`);
    assert.deepEqual(
      paid.deliveries.map((delivery: { topic: string; statuses: number[] }) => [
        delivery.topic,
        delivery.statuses,
      ]),
      [
        ["orders/create", [200]],
        ["orders/paid", [200]],
      ],
    );
    const posted = await ledgerRecord(transactionId);
    assert.equal(posted?.status, "posted");
    const stored = (await admin.db().collection(Collections.purchases).doc(purchaseId).get()).data();
    assert.equal(stored?.status, "completed");
    assert.equal(stored?.orderId, String(paid.order.id));
    const completed = (await feedOf(users.buyer.uid)).filter(
      (event) => event.type === "transaction.completed",
    );
    assert.equal(completed.length, 1);
    assert.equal(completed[0]?.data.transactionId, transactionId);
    assert.equal(completed[0]?.data.amountDof, 150_000);
    assert.equal(walletBalance(await assertLedgerInvariants(), users.buyer.uid), 150_000);
  });

  it("refuses a reused key for another package (409) and packages not on sale (404)", async () => {
    assert.equal((await purchase(users.buyer, bronze, "key-reuse-0001")).status, 201);
    const reused = await purchase(users.buyer, silver, "key-reuse-0001");
    assert.equal(reused.status, 409);
    assert.equal(errorCode(reused), "conflict");
    const otherUser = await purchase(users.other, silver, "key-reuse-0001");
    assert.equal(otherUser.status, 201, "keys are per buyer");
    assert.equal((await purchase(users.buyer, "DOF-10M-DIAMOND", "draft-package-01")).status, 404);
    assert.equal((await purchase(users.buyer, "DOF-NOPE", "no-package-0001")).status, 404);
    assert.equal((await purchase(users.buyer, bronze, "short")).status, 400);
    await assertLedgerInvariants();
  });

  it("voids the pending transaction when the unpaid order is cancelled", async () => {
    const started = (await purchase(users.buyer, silver, "cancel-unpaid-01")).json;
    const placed = await shopControl(`checkouts/${started.checkoutUrl.split("/").pop()}/complete`, {
      pay: false,
    });
    assert.equal(placed.order.financial_status, "pending");
    const cancelled = await shopControl(`orders/${placed.order.id}/cancel`);
    assert.deepEqual(cancelled.deliveries[0].statuses, [200]);
    assert.equal((await ledgerRecord(started.transactionId))?.status, "voided");
    const stored = (await admin.db().collection(Collections.purchases).doc(started.purchaseId).get()).data();
    assert.equal(stored?.status, "cancelled");
    const resent = await shopControl(`webhooks/${cancelled.deliveries[0].webhookId}/resend`, { copies: 3 });
    assert.deepEqual(resent.statuses, [200, 200, 200]);
    assert.equal(walletBalance(await assertLedgerInvariants(), users.buyer.uid), 0);
  });

  it("credits an order that names the buyer but no purchase (the test helper's way), by the order", async () => {
    const { orderId } = await buyDofThroughShopify(users.buyer.uid, { packageId: silver, quantity: 2 });
    const stored = (await admin.db().collection(Collections.purchases).doc(`order_${orderId}`).get()).data();
    assert.equal(stored?.amountDof, 1_050_000);
    assert.equal(stored?.orderQuantity, 2);
    await buyDofThroughShopify(users.buyer.uid);
    assert.equal(walletBalance(await assertLedgerInvariants(), users.buyer.uid), 1_200_000);
  });
});

import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { afterEach, before, describe, it } from "node:test";
import type { Transaction } from "firebase-admin/firestore";
import { assertLedgerInvariants, walletBalance } from "../testing/ledger-invariants.js";
import { admin, resetStack } from "../testing/stack.js";
import { Accounts } from "./accounts.js";
import { preparePostPending, prepareVoidPending } from "./pending.js";
import { post } from "./post.js";

function inTransaction<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
  return admin.db().runTransaction(work);
}

async function recordPending(uid: string, amountDof: number): Promise<string> {
  const transactionId = `purchase_${randomUUID()}`;
  await inTransaction((transaction) =>
    post(transaction, [
      {
        transactionId,
        type: "purchase",
        debit: Accounts.shopifyMint,
        credit: Accounts.wallet(uid),
        amountDof,
        references: { orderId: transactionId },
        pending: true,
      },
    ]),
  );
  return transactionId;
}

async function settle(transactionId: string, how: "post" | "void") {
  return inTransaction(async (transaction) => {
    const prepared = await (how === "post" ? preparePostPending : prepareVoidPending)(
      transaction,
      transactionId,
    );
    prepared.write();
    return prepared.outcome;
  });
}

describe("pending transactions", () => {
  before(resetStack);
  afterEach(async () => {
    await assertLedgerInvariants();
  });

  it("move nothing until posted, then move once however often they are posted", async () => {
    const uid = `buyer-${randomUUID()}`;
    const transactionId = await recordPending(uid, 150_000);
    assert.equal(walletBalance(await assertLedgerInvariants(), uid), 0);
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => settle(transactionId, "post")));
    assert.deepEqual(
      outcomes.filter((outcome) => outcome === "posted"),
      ["posted"],
    );
    assert.equal(walletBalance(await assertLedgerInvariants(), uid), 150_000);
  });

  it("once voided, never post", async () => {
    const uid = `buyer-${randomUUID()}`;
    const transactionId = await recordPending(uid, 10);
    assert.equal(await settle(transactionId, "void"), "voided");
    assert.equal(await settle(transactionId, "void"), "unchanged");
    await assert.rejects(settle(transactionId, "post"), /voided/);
    assert.equal(walletBalance(await assertLedgerInvariants(), uid), 0);
  });
});

import { randomUUID } from "node:crypto";
import { Accounts } from "../ledger/accounts.js";
import { post } from "../ledger/post.js";
import { admin } from "./stack.js";

/**
 * Gives a user DOF the way a paid Shopify order does (mint → wallet), through the real ledger, for tests
 * that need a funded wallet without going through a purchase.
 */
export async function grantDof(uid: string, amountDof: number): Promise<void> {
  const orderId = `test-order-${randomUUID()}`;
  // The stack's admin app is the default app, which the ledger code uses too.
  await admin.db().runTransaction((transaction) =>
    post(transaction, [
      {
        transactionId: `purchase_${orderId}`,
        type: "purchase",
        debit: Accounts.shopifyMint,
        credit: Accounts.wallet(uid),
        amountDof,
        references: { orderId },
      },
    ]),
  );
}

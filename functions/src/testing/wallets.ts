import { randomUUID } from "node:crypto";
import { Accounts } from "../ledger/accounts.js";
import { post } from "../ledger/post.js";
import { admin } from "./stack.js";

/**
 * Gives a user DOF the way a paid Shopify order does (mint → wallet), through the real ledger, for tests
 * that need a funded wallet without going through a purchase.
 */
export async function grantDof(uid: string, amountDof: number): Promise<string> {
  const orderId = `test-order-${randomUUID()}`;
  const transactionId = `purchase_${orderId}`;
  // The stack's admin app is the default app, which the ledger code uses too.
  await admin.db().runTransaction((transaction) =>
    post(transaction, [
      {
        transactionId,
        type: "purchase",
        debit: Accounts.shopifyMint,
        credit: Accounts.wallet(uid),
        amountDof,
        references: { orderId },
      },
    ]),
  );
  return transactionId;
}

/**
 * Gives a user earnings the way a settled hire does, through the real ledger: a payer buys DOF, holds it in
 * a session's escrow, and the escrow pays the user their owner's share.
 */
export async function grantEarnings(uid: string, amountDof: number): Promise<void> {
  const payerUid = `test-payer-${randomUUID()}`;
  const sessionId = `test-session-${randomUUID()}`;
  await grantDof(payerUid, amountDof);
  await admin.db().runTransaction((transaction) =>
    post(transaction, [
      {
        transactionId: `hold_${sessionId}`,
        type: "session_hold",
        debit: Accounts.wallet(payerUid),
        credit: Accounts.escrow(sessionId),
        amountDof,
        references: { sessionId },
      },
      {
        transactionId: `owner-share_${sessionId}`,
        type: "session_owner_share",
        debit: Accounts.escrow(sessionId),
        credit: Accounts.earnings(uid),
        amountDof,
        references: { sessionId },
      },
    ]),
  );
}

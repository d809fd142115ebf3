import { Timestamp } from "firebase-admin/firestore";
import { z } from "zod";

/** Why DOF moved. Each type has one direction (see the flows that post it); corrections are new types. */
export const TransactionType = z.enum([
  /** Shopify mint → wallet, when the order is paid. */
  "purchase",
  /** Wallet → Shopify mint: DOF taken back after a refund or cancellation, at most what remains. */
  "purchase_reversal",
  /** Wallet → wallet, one user to another. */
  "transfer",
  /** Wallet → session escrow: the price of a hire, reserved. */
  "session_hold",
  /** Session escrow → earnings / platform revenue: the consumed DOF, split. */
  "session_owner_share",
  "session_creator_share",
  "session_platform_share",
  /** Session escrow → wallet: what the hirer did not use. */
  "session_release",
  /** Earnings → Stripe cash-out. */
  "cash_out",
]);
export type TransactionType = z.infer<typeof TransactionType>;

/**
 * A `pending` transaction moved nothing yet (a purchase waiting for payment); `posted` moved the DOF, in the
 * same Firestore transaction that set it; `voided` never will. Only `pending` changes, once.
 */
export const TransactionStatus = z.enum(["pending", "posted", "voided"]);
export type TransactionStatus = z.infer<typeof TransactionStatus>;

const Reference = z.string().min(1).max(200);

/**
 * `transactions/{transactionId}`: one movement of DOF between two accounts. The id is the idempotency key:
 * the client's (prefixed with its uid) or derived from what caused it (an order, a session), so a retry
 * finds the first one. `requestHash` fingerprints what was asked, so reusing a key for something else is
 * an error instead of a silent success.
 */
export const LedgerTransaction = z.object({
  transactionId: z.string().min(1),
  type: TransactionType,
  status: TransactionStatus,
  debitAccountId: z.string().min(1),
  creditAccountId: z.string().min(1),
  debitShard: z.number().int().nonnegative(),
  creditShard: z.number().int().nonnegative(),
  amountDof: z.number().int().positive(),
  /** What it belongs to: `sessionId`, `purchaseId`, `orderId`, `listingId`, `counterpartyUid`, … */
  references: z.record(z.string(), Reference),
  /** The users whose wallet or earnings it touches: their history lists it. */
  participants: z.array(z.string()).max(2),
  memo: z.string().max(200).nullable(),
  requestHash: z.string(),
  createdAt: z.instanceof(Timestamp),
  /** When it posted or was voided; null while pending. */
  settledAt: z.instanceof(Timestamp).nullable(),
});
export type LedgerTransaction = z.infer<typeof LedgerTransaction>;

/** `ledgerAccounts/{accountId}/balances/{shard}`: one shard of an account's balance. */
export const BalanceShard = z.object({
  accountId: z.string().min(1),
  shard: z.number().int().nonnegative(),
  balanceDof: z.number().int(),
  updatedAt: z.instanceof(Timestamp),
});
export type BalanceShard = z.infer<typeof BalanceShard>;

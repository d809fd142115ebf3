import { z } from "zod";
import { parseAccountId } from "./accounts.js";
import { type LedgerTransaction, TransactionStatus, TransactionType } from "./schemas.js";

/** One transaction as the user it concerns sees it: which way the DOF went for them, and on which account. */
export const TransactionView = z.object({
  transactionId: z.string(),
  type: TransactionType,
  status: TransactionStatus,
  amountDof: z.number().int().positive(),
  direction: z.enum(["in", "out"]),
  account: z.enum(["wallet", "earnings"]),
  references: z.record(z.string(), z.string()),
  memo: z.string().nullable(),
  createdAt: z.string(),
  settledAt: z.string().nullable(),
});
export type TransactionView = z.infer<typeof TransactionView>;

/** The user's side of a transaction they take part in (their debit when they are on both sides). */
export function transactionView(record: LedgerTransaction, uid: string): TransactionView {
  const debit = parseAccountId(record.debitAccountId);
  const credit = parseAccountId(record.creditAccountId);
  const theirs = debit.ownerId === uid && debit.kind !== "escrow" ? debit : credit;
  return {
    transactionId: record.transactionId,
    type: record.type,
    status: record.status,
    amountDof: record.amountDof,
    direction: theirs === debit ? "out" : "in",
    account: theirs.kind === "earnings" ? "earnings" : "wallet",
    references: record.references,
    memo: record.memo,
    createdAt: record.createdAt.toDate().toISOString(),
    settledAt: record.settledAt?.toDate().toISOString() ?? null,
  };
}

/** `GET /profile/wallet`: balances from the ledger and the latest movements. */
export const WalletView = z.object({
  /** Spendable now. */
  balanceDof: z.number().int().nonnegative(),
  /** Reserved by hires that have not settled yet. */
  escrowDof: z.number().int().nonnegative(),
  /** Earned as an owner or creator and not cashed out. */
  earnedDof: z.number().int().nonnegative(),
  recentTransactions: z.array(TransactionView),
});
export type WalletView = z.infer<typeof WalletView>;

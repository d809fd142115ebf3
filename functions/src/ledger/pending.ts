import { Timestamp, type Transaction } from "firebase-admin/firestore";
import { mustStayNonNegative, parseAccountId } from "./accounts.js";
import { LedgerError } from "./errors.js";
import { insufficientFunds, readBalance } from "./post.js";
import { incrementBalance, transactionRef } from "./repo.js";
import type { LedgerTransaction } from "./schemas.js";

export interface PreparedSettlement {
  /** `posted`/`voided` now, or `unchanged` when an earlier delivery already did it. */
  outcome: "posted" | "voided" | "unchanged";
  record: LedgerTransaction;
  write(): void;
}

async function readPending(transaction: Transaction, transactionId: string): Promise<LedgerTransaction> {
  const record = (await transaction.get(transactionRef(transactionId))).data();
  if (!record) throw new LedgerError({ code: "transaction_missing", transactionId });
  return record;
}

/**
 * Posts a pending transaction: moves its DOF now, once. Posting one already posted changes nothing;
 * posting a voided one is refused (`not_pending`). Reads first; call `write()` after the caller's own reads.
 */
export async function preparePostPending(
  transaction: Transaction,
  transactionId: string,
): Promise<PreparedSettlement> {
  const record = await readPending(transaction, transactionId);
  if (record.status === "posted") return { outcome: "unchanged", record, write() {} };
  if (record.status === "voided")
    throw new LedgerError({ code: "not_pending", transactionId, status: "voided" });
  const debit = parseAccountId(record.debitAccountId);
  if (mustStayNonNegative(debit)) {
    const balance = await readBalance(transaction, debit);
    if (balance < record.amountDof) throw insufficientFunds(debit, balance, record.amountDof);
  }
  const now = Timestamp.now();
  const posted: LedgerTransaction = { ...record, status: "posted", settledAt: now };
  return {
    outcome: "posted",
    record: posted,
    write() {
      transaction.update(transactionRef(transactionId), { status: "posted", settledAt: now });
      incrementBalance(transaction, debit, record.debitShard, -record.amountDof);
      incrementBalance(
        transaction,
        parseAccountId(record.creditAccountId),
        record.creditShard,
        record.amountDof,
      );
    },
  };
}

/** Voids a pending transaction (it will never move DOF). Voiding one already voided changes nothing. */
export async function prepareVoidPending(
  transaction: Transaction,
  transactionId: string,
): Promise<PreparedSettlement> {
  const record = await readPending(transaction, transactionId);
  if (record.status === "voided") return { outcome: "unchanged", record, write() {} };
  if (record.status === "posted")
    throw new LedgerError({ code: "not_pending", transactionId, status: "posted" });
  const now = Timestamp.now();
  return {
    outcome: "voided",
    record: { ...record, status: "voided", settledAt: now },
    write() {
      transaction.update(transactionRef(transactionId), { status: "voided", settledAt: now });
    },
  };
}

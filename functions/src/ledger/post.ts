import { Timestamp, type Transaction } from "firebase-admin/firestore";
import { type AccountRef, accountId, mustStayNonNegative, shardCount, shardFor, userOf } from "./accounts.js";
import { fingerprint, replayOf } from "./commands.js";
import { LedgerError } from "./errors.js";
import { balanceShardRef, incrementBalance, transactionRef } from "./repo.js";
import type { LedgerTransaction, TransactionType } from "./schemas.js";

export interface TransferRequest {
  /** The idempotency key: the same id with the same request is applied once, with another is a conflict. */
  transactionId: string;
  type: TransactionType;
  debit: AccountRef;
  credit: AccountRef;
  amountDof: number;
  references?: Record<string, string>;
  memo?: string | null;
  /** Record it without moving DOF; `postPending` moves it later (a purchase waiting for payment). */
  pending?: boolean;
}

/** The account cannot pay; the refusal carries what is missing. */
export function insufficientFunds(account: AccountRef, balanceDof: number, requiredDof: number): LedgerError {
  return new LedgerError({
    code: "insufficient_funds",
    accountId: accountId(account),
    balanceDof,
    requiredDof,
  });
}

function requestHashOf(request: TransferRequest): string {
  return fingerprint([
    request.type,
    accountId(request.debit),
    accountId(request.credit),
    request.amountDof,
    request.references ?? {},
    request.memo ?? null,
  ]);
}

function checkShape(request: TransferRequest): void {
  if (!Number.isSafeInteger(request.amountDof) || request.amountDof <= 0)
    throw new Error(`Ledger amounts are positive whole DOF, got ${request.amountDof}`);
  if (accountId(request.debit) === accountId(request.credit))
    throw new Error(`A transaction cannot debit and credit ${accountId(request.debit)}`);
  if (mustStayNonNegative(request.debit) && shardCount(request.debit) > 1)
    throw new Error(`Debiting sharded ${accountId(request.debit)} needs all its shards; not supported here`);
}

/** Reads the balance of a one-document account inside a transaction (before any write). */
export async function readBalance(transaction: Transaction, account: AccountRef): Promise<number> {
  if (shardCount(account) > 1) throw new Error(`readBalance reads one-document accounts only`);
  return (await transaction.get(balanceShardRef(account, 0))).data()?.balanceDof ?? 0;
}

/** Tracks the balances a set of postings reads, so several debits of one account add up. */
class Balances {
  private readonly known = new Map<string, number>();

  async load(transaction: Transaction, account: AccountRef): Promise<void> {
    const id = accountId(account);
    if (!this.known.has(id)) this.known.set(id, await readBalance(transaction, account));
  }

  debit(account: AccountRef, amountDof: number): void {
    const id = accountId(account);
    const balance = this.known.get(id);
    if (balance === undefined) return;
    if (balance < amountDof) throw insufficientFunds(account, balance, amountDof);
    this.known.set(id, balance - amountDof);
  }

  credit(account: AccountRef, amountDof: number): void {
    const id = accountId(account);
    const balance = this.known.get(id);
    if (balance !== undefined) this.known.set(id, balance + amountDof);
  }

  after(account: AccountRef): number | undefined {
    return this.known.get(accountId(account));
  }
}

function moveDof(transaction: Transaction, record: LedgerTransaction, request: TransferRequest): void {
  incrementBalance(transaction, request.debit, record.debitShard, -record.amountDof);
  incrementBalance(transaction, request.credit, record.creditShard, record.amountDof);
}

export interface PreparedPostings {
  /** Per request, in order: `applied` now, or already there from an earlier try (`duplicate`). */
  outcomes: Array<"applied" | "duplicate">;
  /** Balances after these postings of the one-document user accounts they debit. */
  balanceAfter(account: AccountRef): number | undefined;
  /** Writes them; call after the caller's own reads, inside the same transaction. */
  write(): void;
}

/**
 * Reads what the postings need (their ids, the balances they debit) inside the caller's Firestore
 * transaction, checks them, and returns a `write()` that records them with their balance changes. Firestore
 * wants every read of a transaction before its first write, hence the two steps.
 *
 * A user account never goes below zero: a debit it cannot cover is refused (`insufficient_funds`, with the
 * shortfall); an id reused for another request is refused as `key_reused`. Credits use increments, so crediting a hot account reads nothing.
 */
export async function preparePostings(
  transaction: Transaction,
  requests: TransferRequest[],
): Promise<PreparedPostings> {
  for (const request of requests) checkShape(request);
  const existing = requests.length
    ? await transaction.getAll(...requests.map((request) => transactionRef(request.transactionId)))
    : [];
  const balances = new Balances();
  const outcomes = requests.map((request, index) => {
    const replay = replayOf(existing[index]?.data(), requestHashOf(request), {
      commandId: request.transactionId,
      command: "request",
    });
    return replay ? ("duplicate" as const) : ("applied" as const);
  });
  const toApply = requests.filter((_, index) => outcomes[index] === "applied");
  for (const request of toApply)
    if (!request.pending && mustStayNonNegative(request.debit))
      await balances.load(transaction, request.debit);

  const now = Timestamp.now();
  const records = toApply.map((request) => {
    if (!request.pending) {
      balances.debit(request.debit, request.amountDof);
      balances.credit(request.credit, request.amountDof);
    }
    const participants = [...new Set([userOf(request.debit), userOf(request.credit)])].filter(
      (uid): uid is string => uid !== null,
    );
    const record: LedgerTransaction = {
      transactionId: request.transactionId,
      type: request.type,
      status: request.pending ? "pending" : "posted",
      debitAccountId: accountId(request.debit),
      creditAccountId: accountId(request.credit),
      debitShard: shardFor(request.debit, request.transactionId),
      creditShard: shardFor(request.credit, request.transactionId),
      amountDof: request.amountDof,
      references: request.references ?? {},
      participants,
      memo: request.memo ?? null,
      requestHash: requestHashOf(request),
      createdAt: now,
      settledAt: request.pending ? null : now,
    };
    return { record, request };
  });

  return {
    outcomes,
    balanceAfter: (account) => balances.after(account),
    write() {
      for (const { record, request } of records) {
        transaction.create(transactionRef(record.transactionId), record);
        if (!request.pending) moveDof(transaction, record, request);
      }
    },
  };
}

/** Reads, checks and writes in one go, for callers with nothing else to read in their transaction. */
export async function post(transaction: Transaction, requests: TransferRequest[]): Promise<PreparedPostings> {
  const prepared = await preparePostings(transaction, requests);
  prepared.write();
  return prepared;
}

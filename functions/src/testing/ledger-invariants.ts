import assert from "node:assert/strict";
import { Collections } from "../common/collections.js";
import { mustStayNonNegative, parseAccountId } from "../ledger/accounts.js";
import { BalanceShard, LedgerTransaction } from "../ledger/schemas.js";
import { Session } from "../sessions/schemas.js";
import { admin } from "./stack.js";

export interface LedgerSnapshot {
  /** Balance per account id, the sum of its shards. */
  balances: Map<string, number>;
  transactions: LedgerTransaction[];
}

/** Transaction types that happen at most once per reference: a second one means a key was not honoured. */
const oncePer: Array<[LedgerTransaction["type"], string]> = [
  ["purchase", "orderId"],
  ["session_hold", "sessionId"],
  ["session_owner_share", "sessionId"],
  ["session_creator_share", "sessionId"],
  ["session_platform_share", "sessionId"],
  ["session_release", "sessionId"],
];

/** Reads the whole ledger in one consistent snapshot (a read-only transaction). */
export async function readLedger(): Promise<LedgerSnapshot> {
  const db = admin.db();
  const [transactionDocs, shardDocs] = await db.runTransaction(
    async (transaction) =>
      Promise.all([
        transaction.get(db.collection(Collections.transactions)),
        transaction.get(db.collectionGroup(Collections.balances)),
      ]),
    { readOnly: true },
  );
  const balances = new Map<string, number>();
  for (const doc of shardDocs.docs) {
    const shard = BalanceShard.parse(doc.data());
    balances.set(shard.accountId, (balances.get(shard.accountId) ?? 0) + shard.balanceDof);
  }
  const transactions = transactionDocs.docs.map((doc) => {
    const record = LedgerTransaction.parse(doc.data());
    assert.equal(record.transactionId, doc.id, "a transaction is stored under its own id");
    return record;
  });
  return { balances, transactions };
}

/**
 * The ledger's invariants, checked after every scenario of the DOF economy:
 * - all balances sum to zero (DOF only moves; the mint's negative balance is everything sold);
 * - no account of a user or session is below zero;
 * - every account's balance equals its posted credits minus its posted debits, shard by shard;
 * - no cause was applied twice (one purchase per order, one hold and one of each share per session);
 * - every settled session's escrow is empty.
 */
export async function assertLedgerInvariants(): Promise<LedgerSnapshot> {
  const snapshot = await readLedger();
  const total = [...snapshot.balances.values()].reduce((sum, balance) => sum + balance, 0);
  assert.equal(total, 0, "all balances sum to zero");

  for (const [account, balance] of snapshot.balances)
    if (mustStayNonNegative(parseAccountId(account)))
      assert.ok(balance >= 0, `${account} is ${balance}, below zero`);

  const fromEntries = new Map<string, number>();
  const add = (account: string, delta: number) =>
    fromEntries.set(account, (fromEntries.get(account) ?? 0) + delta);
  for (const record of snapshot.transactions)
    if (record.status === "posted") {
      add(record.debitAccountId, -record.amountDof);
      add(record.creditAccountId, record.amountDof);
    }
  for (const account of new Set([...snapshot.balances.keys(), ...fromEntries.keys()]))
    assert.equal(
      snapshot.balances.get(account) ?? 0,
      fromEntries.get(account) ?? 0,
      `${account}'s balance equals the sum of its entries`,
    );

  for (const [type, reference] of oncePer) {
    const seen = new Set<string>();
    for (const record of snapshot.transactions) {
      const value = record.references[reference];
      if (record.type !== type || record.status === "voided" || value === undefined) continue;
      assert.ok(!seen.has(value), `${type} applied twice for ${reference} ${value}`);
      seen.add(value);
    }
  }

  const settled = await admin.db().collection(Collections.sessions).where("status", "==", "settled").get();
  for (const doc of settled.docs) {
    const session = Session.parse(doc.data());
    assert.equal(snapshot.balances.get(`escrow:${session.sessionId}`) ?? 0, 0, "settled escrow is empty");
  }
  return snapshot;
}

/** A user's spendable wallet balance in a snapshot. */
export function walletBalance(snapshot: LedgerSnapshot, uid: string): number {
  return snapshot.balances.get(`wallet:${uid}`) ?? 0;
}

export function earningsBalance(snapshot: LedgerSnapshot, uid: string): number {
  return snapshot.balances.get(`earnings:${uid}`) ?? 0;
}

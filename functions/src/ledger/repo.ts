import { type DocumentReference, FieldValue, type Transaction } from "firebase-admin/firestore";
import { Collections } from "../common/collections.js";
import { converterFor } from "../common/converter.js";
import { db } from "../common/firebase.js";
import { type AccountRef, accountId } from "./accounts.js";
import { BalanceShard, LedgerTransaction } from "./schemas.js";

const transactionConverter = converterFor(LedgerTransaction);
const balanceConverter = converterFor(BalanceShard);

export function ledgerTransactions() {
  return db().collection(Collections.transactions).withConverter(transactionConverter);
}

export function transactionRef(transactionId: string) {
  return ledgerTransactions().doc(transactionId);
}

export function balanceShards(account: AccountRef) {
  return db()
    .collection(Collections.ledgerAccounts)
    .doc(accountId(account))
    .collection(Collections.balances)
    .withConverter(balanceConverter);
}

export function balanceShardRef(account: AccountRef, shard: number) {
  return balanceShards(account).doc(String(shard));
}

/** Every shard of every account, for audits and the invariant checks. */
export function allBalanceShards() {
  return db().collectionGroup(Collections.balances).withConverter(balanceConverter);
}

/** The account's balance: the sum of its shards, read outside any transaction (for display). */
export async function balanceOf(account: AccountRef): Promise<number> {
  const snapshot = await balanceShards(account).get();
  return snapshot.docs.reduce((sum, doc) => sum + doc.data().balanceDof, 0);
}

/** Adds `deltaDof` to one shard inside a transaction, creating it at zero first if needed. */
export function incrementBalance(
  transaction: Transaction,
  account: AccountRef,
  shard: number,
  deltaDof: number,
): void {
  // Untyped on purpose: an increment cannot pass the schema, and the shard may not exist yet.
  const ref = balanceShardRef(account, shard).withConverter(null) as DocumentReference;
  transaction.set(
    ref,
    {
      accountId: accountId(account),
      shard,
      balanceDof: FieldValue.increment(deltaDof),
      updatedAt: FieldValue.serverTimestamp(),
    },
    { merge: true },
  );
}

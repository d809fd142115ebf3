import { createHash } from "node:crypto";

/**
 * Every ledger account, by id. User accounts never go below zero; the system accounts are the edges of the
 * DOF economy, where DOF enters (the Shopify mint, which runs negative by exactly the DOF ever sold) or
 * leaves (Stripe cash-out).
 *
 * Hot accounts are sharded: their balance is the sum of `shards` documents and each posting touches one,
 * chosen from the transaction id, so a burst of postings spreads over the shards instead of queueing on
 * one document (Firestore sustains about one write per second per document). Sharding is only for accounts
 * that are credited in bursts and never need a balance check on one shard: the mint and the cash-out sink
 * may run any sign, platform revenue and earnings are only credited by the economy's flows (a cash-out from
 * earnings will read all shards, a rare operation). A user's spendable wallet is one document, because every
 * debit must see its whole balance in the transaction that checks it; it is written at the pace of its owner.
 */
export const AccountKind = {
  /** A user's spendable DOF: bought, received from other users, returned from sessions. */
  wallet: { shards: 1, userOwned: true },
  /** A user's share of settled sessions (as owner or creator): shown as earned, cashed out later. */
  earnings: { shards: 4, userOwned: true },
  /** The DOF reserved by one hire until it settles; back to zero once settled. */
  escrow: { shards: 1, userOwned: true },
  platformRevenue: { shards: 16, userOwned: false },
  shopifyMint: { shards: 16, userOwned: false },
  stripeCashOut: { shards: 4, userOwned: false },
} as const;
export type AccountKind = keyof typeof AccountKind;

export interface AccountRef {
  kind: AccountKind;
  /** The user (wallet, earnings) or session (escrow) the account belongs to; null for system accounts. */
  ownerId: string | null;
}

export const Accounts = {
  wallet: (uid: string): AccountRef => ({ kind: "wallet", ownerId: uid }),
  earnings: (uid: string): AccountRef => ({ kind: "earnings", ownerId: uid }),
  escrow: (sessionId: string): AccountRef => ({ kind: "escrow", ownerId: sessionId }),
  platformRevenue: { kind: "platformRevenue", ownerId: null } as AccountRef,
  shopifyMint: { kind: "shopifyMint", ownerId: null } as AccountRef,
  stripeCashOut: { kind: "stripeCashOut", ownerId: null } as AccountRef,
};

/** `wallet:{uid}`, `escrow:{sessionId}`, `platformRevenue`: the stable id stored on transactions. */
export function accountId(account: AccountRef): string {
  return account.ownerId === null ? account.kind : `${account.kind}:${account.ownerId}`;
}

export function parseAccountId(id: string): AccountRef {
  const separator = id.indexOf(":");
  const kind = separator === -1 ? id : id.slice(0, separator);
  if (!(kind in AccountKind)) throw new Error(`Unknown ledger account ${id}`);
  return { kind: kind as AccountKind, ownerId: separator === -1 ? null : id.slice(separator + 1) };
}

/** Whether the account may never go below zero: every account a person or session holds. */
export function mustStayNonNegative(account: AccountRef): boolean {
  return AccountKind[account.kind].userOwned;
}

export function shardCount(account: AccountRef): number {
  return AccountKind[account.kind].shards;
}

/** The shard a transaction posts to: fixed by its id, so a retried posting lands where the first did. */
export function shardFor(account: AccountRef, transactionId: string): number {
  const shards = shardCount(account);
  if (shards === 1) return 0;
  return createHash("sha256").update(transactionId).digest().readUInt32BE(0) % shards;
}

/** The user whose history shows a posting on this account; sessions' escrow is shown through the session. */
export function userOf(account: AccountRef): string | null {
  return account.kind === "wallet" || account.kind === "earnings" ? account.ownerId : null;
}

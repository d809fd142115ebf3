import { AggregateField } from "firebase-admin/firestore";
import { z } from "zod";
import { Collections } from "../common/collections.js";
import { db } from "../common/firebase.js";
import { Accounts } from "./accounts.js";
import { transactionHistory } from "./history.js";
import { balanceOf } from "./repo.js";
import type { WalletView } from "./views.js";

/** Hires whose escrow still holds DOF: running, or ended and waiting for settlement. */
const unsettledStatuses = ["pending", "active", "ended"];

const EscrowSum = z.object({ escrowDof: z.number().nonnegative() });

/**
 * What a user holds in DOF. The escrow total is summed over their unsettled hires by one aggregation
 * rather than kept on a document that every hire and settlement would have to write.
 */
export async function walletOf(uid: string): Promise<WalletView> {
  const escrowQuery = db()
    .collection(Collections.sessions)
    .where("hirerUid", "==", uid)
    .where("status", "in", unsettledStatuses)
    .aggregate({ escrowDof: AggregateField.sum("escrowDof") });
  const [balanceDof, earnedDof, escrow, recent] = await Promise.all([
    balanceOf(Accounts.wallet(uid)),
    balanceOf(Accounts.earnings(uid)),
    escrowQuery.get(),
    transactionHistory(uid, { limit: 5 }),
  ]);
  return {
    balanceDof,
    escrowDof: Math.round(EscrowSum.parse(escrow.data()).escrowDof),
    earnedDof,
    recentTransactions: recent.items,
  };
}

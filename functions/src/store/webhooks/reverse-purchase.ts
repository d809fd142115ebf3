import { FieldValue, Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { AppError } from "../../common/errors.js";
import { db } from "../../common/firebase.js";
import { Accounts } from "../../ledger/accounts.js";
import { causedId } from "../../ledger/commands.js";
import { prepareVoidPending } from "../../ledger/pending.js";
import { preparePostings, readBalance } from "../../ledger/post.js";
import { accountFlags, purchases, purchasesOfOrder } from "../repo.js";
import type { AccountFlag, Purchase } from "../schemas.js";
import { publishMovement } from "./publish-movement.js";

export type Reversal =
  /** The order was cancelled: everything the purchase still holds. */
  | { kind: "cancel"; orderId: string; purchaseId: string | undefined; paid: boolean }
  /** A refund of `quantity` units of the purchase's package. */
  | { kind: "refund"; orderId: string; refundId: string; quantity: number };

export type ReversalOutcome = "voided" | "reversed" | "unchanged" | "not_a_jiga_order";

const keyOf = (reversal: Reversal) =>
  reversal.kind === "cancel" ? `cancel:${reversal.orderId}` : `refund:${reversal.refundId}`;

/** The claw-back posting of one reversal of one purchase. */
const reversalTransactionIdOf = (purchaseId: string, key: string) =>
  causedId("purchase_reversal", purchaseId, key.replace(":", "_"));

/** The payment has not reached us yet: Shopify retries the webhook later, by then it has. */
const paymentNotYetCredited = (orderId: string) =>
  new AppError("unavailable", "The order's payment is not credited yet; retry later.", { orderId });

/**
 * What this reversal should take back. A cancellation takes all that remains. A refund is proportional to the
 * units refunded, counted cumulatively: after refunding R of Q units, floor(credited × R / Q) is due in
 * total, so rounding never drifts and refunding every unit takes back exactly what remains.
 */
export function reversalDue(
  purchase: Purchase,
  reversal: Reversal,
): { dueDof: number; refundedQuantity: number } {
  const accounted = purchase.reversedDof + purchase.shortfallDof;
  const remaining = purchase.creditedDof - accounted;
  if (reversal.kind === "cancel") return { dueDof: remaining, refundedQuantity: purchase.refundedQuantity };
  const units = purchase.orderQuantity ?? 1;
  const refundedQuantity = Math.min(units, purchase.refundedQuantity + reversal.quantity);
  const dueTotal = Math.floor((purchase.creditedDof * refundedQuantity) / units);
  return { dueDof: Math.max(0, Math.min(remaining, dueTotal - accounted)), refundedQuantity };
}

/**
 * orders/cancelled and refunds/create. An unpaid cancelled order voids the pending transaction. Otherwise the
 * DOF due are clawed back (`purchase_reversal`, wallet → mint) up to the wallet's balance, in the transaction
 * that reads it: never below zero. What could not be taken is the shortfall, recorded on the purchase and on
 * `accountFlags/{uid}` for an admin. Each refund and cancellation applies once (its key is on the purchase).
 */
export async function reversePurchase(reversal: Reversal): Promise<ReversalOutcome> {
  const key = keyOf(reversal);
  const result = await db().runTransaction(async (transaction) => {
    let purchase = (await transaction.get(purchasesOfOrder(reversal.orderId))).docs[0]?.data();
    if (!purchase && reversal.kind === "cancel" && reversal.purchaseId)
      purchase = (await transaction.get(purchases().doc(reversal.purchaseId))).data();
    if (!purchase) return { outcome: "not_a_jiga_order" as const };
    const purchaseRef = purchases().doc(purchase.purchaseId);
    if (purchase.reversalKeys.includes(key)) return { outcome: "unchanged" as const, purchase };
    const now = Timestamp.now();

    if (purchase.status === "pending" || purchase.status === "cancelled") {
      if (reversal.kind === "refund" || reversal.paid) throw paymentNotYetCredited(reversal.orderId);
      const voided = await prepareVoidPending(transaction, purchase.transactionId);
      voided.write();
      transaction.update(purchaseRef, {
        status: "cancelled",
        reversalKeys: FieldValue.arrayUnion(key),
        updatedAt: now,
      });
      return { outcome: "voided" as const, purchase };
    }

    const { dueDof, refundedQuantity } = reversalDue(purchase, reversal);
    const wallet = Accounts.wallet(purchase.uid);
    const balanceDof = await readBalance(transaction, wallet);
    const clawedDof = Math.min(dueDof, balanceDof);
    const shortfallDof = dueDof - clawedDof;
    const flagRef = accountFlags().doc(purchase.uid);
    const flag = shortfallDof > 0 ? (await transaction.get(flagRef)).data() : undefined;
    const reversalTransactionId = reversalTransactionIdOf(purchase.purchaseId, key);
    const prepared = await preparePostings(
      transaction,
      clawedDof > 0
        ? [
            {
              transactionId: reversalTransactionId,
              type: "purchase_reversal",
              debit: wallet,
              credit: Accounts.shopifyMint,
              amountDof: clawedDof,
              references: { purchaseId: purchase.purchaseId, orderId: reversal.orderId, reversal: key },
              memo: reversal.kind === "cancel" ? "Order cancelled" : "Order refunded",
            },
          ]
        : [],
    );
    prepared.write();
    transaction.update(purchaseRef, {
      status: "reversed",
      reversedDof: purchase.reversedDof + clawedDof,
      shortfallDof: purchase.shortfallDof + shortfallDof,
      refundedQuantity,
      reversalKeys: FieldValue.arrayUnion(key),
      updatedAt: now,
    });
    if (shortfallDof > 0) {
      const next: AccountFlag = {
        uid: purchase.uid,
        flagged: true,
        shortfallDof: (flag?.shortfallDof ?? 0) + shortfallDof,
        shortfalls: [
          ...(flag?.shortfalls ?? []),
          { purchaseId: purchase.purchaseId, reversalKey: key, shortfallDof },
        ],
        updatedAt: now,
      };
      transaction.set(flagRef, next);
    }
    return { outcome: "reversed" as const, purchase, clawedDof, shortfallDof, reversalTransactionId };
  });
  if (result.outcome === "reversed" && result.shortfallDof)
    logger.warn("Refunded DOF were already spent: account flagged", {
      uid: result.purchase.uid,
      purchaseId: result.purchase.purchaseId,
      shortfallDof: result.shortfallDof,
    });
  if (result.purchase)
    await publishMovement(
      "transaction.reversed",
      result.purchase.uid,
      reversalTransactionIdOf(result.purchase.purchaseId, key),
    );
  return result.outcome;
}

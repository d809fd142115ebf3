import { Timestamp, type Transaction } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { db } from "../../common/firebase.js";
import { Accounts } from "../../ledger/accounts.js";
import { causedId, fingerprint } from "../../ledger/commands.js";
import { isLedgerFailure } from "../../ledger/errors.js";
import { preparePostPending } from "../../ledger/pending.js";
import { preparePostings } from "../../ledger/post.js";
import { purchaseTransactionId } from "../buy-dof.js";
import { BuyerAttribute } from "../checkout.js";
import { dofPackages, purchases } from "../repo.js";
import { newPurchase, type Purchase } from "../schemas.js";
import { publishMovement } from "./publish-movement.js";
import type { ShopifyOrder } from "./read-order.js";

export type CreditOutcome = "credited" | "already_credited" | "not_a_jiga_order" | "needs_review";

const orderPurchaseId = (orderId: string) => causedId("order", orderId);

/** The tracked purchase this order pays, if it is still payable by this order. */
function payable(purchase: Purchase | undefined, order: ShopifyOrder, uid: string): purchase is Purchase {
  if (!purchase || purchase.uid !== uid) return false;
  if (purchase.orderId !== null && purchase.orderId !== order.orderId) return false; // paid by another order
  return purchase.status !== "cancelled";
}

/** Posts the purchase's pending transaction: the DOF of the package the buyer chose, not the order's price. */
async function creditTracked(transaction: Transaction, purchase: Purchase, order: ShopifyOrder) {
  const settled = await preparePostPending(transaction, purchase.transactionId);
  const line = order.lines.find((entry) => entry.sku === purchase.packageId);
  if (line?.quantity !== 1)
    logger.warn("A paid order differs from its purchase's cart", { purchaseId: purchase.purchaseId, order });
  settled.write();
  if (settled.outcome === "posted" || purchase.orderId === null)
    transaction.update(purchases().doc(purchase.purchaseId), {
      status: purchase.status === "pending" ? "completed" : purchase.status,
      orderId: order.orderId,
      orderQuantity: 1,
      creditedDof: purchase.amountDof,
      updatedAt: Timestamp.now(),
    });
  return {
    transactionId: purchase.transactionId,
    outcome: settled.outcome === "posted" ? "credited" : "already_credited",
  } as const;
}

/**
 * A paid order that names a buyer but no payable purchase (bought outside the app's flow, or a second payment
 * of one checkout): the DOF of its one package line, times its quantity, posted under ids derived from the order.
 */
async function creditUntracked(transaction: Transaction, order: ShopifyOrder, uid: string) {
  const purchaseRef = purchases().doc(orderPurchaseId(order.orderId));
  const existing = (await transaction.get(purchaseRef)).data();
  if (existing) return { transactionId: existing.transactionId, outcome: "already_credited" } as const;
  const dofLines = order.lines.filter((line) => line.sku.startsWith("DOF-"));
  const line = dofLines[0];
  const dofPackage =
    line && dofLines.length === 1 ? (await transaction.get(dofPackages().doc(line.sku))).data() : undefined;
  if (!line || !dofPackage) return { transactionId: null, outcome: "needs_review" } as const;
  const purchaseId = orderPurchaseId(order.orderId);
  const transactionId = purchaseTransactionId(purchaseId);
  const amountDof = (dofPackage.dofAmount + dofPackage.bonusDof) * line.quantity;
  const prepared = await preparePostings(transaction, [
    {
      transactionId,
      type: "purchase",
      debit: Accounts.shopifyMint,
      credit: Accounts.wallet(uid),
      amountDof,
      references: { purchaseId, packageId: dofPackage.packageId, orderId: order.orderId },
      memo: dofPackage.title,
    },
  ]);
  prepared.write();
  const purchase = newPurchase(
    {
      purchaseId,
      uid,
      packageId: dofPackage.packageId,
      idempotencyKey: null,
      requestHash: fingerprint(["order", order.orderId]),
      transactionId,
      amountDof,
      status: "completed",
      orderId: order.orderId,
      orderQuantity: line.quantity,
      creditedDof: amountDof,
    },
    Timestamp.now(),
  );
  transaction.create(purchaseRef, purchase);
  return { transactionId, outcome: "credited" } as const;
}

/**
 * orders/paid: credits the buyer exactly once, from the order as re-read from Shopify. The purchase named by
 * the order's attributes has its pending transaction posted; otherwise a buyer attribute alone is enough to
 * create and post one keyed by the order id. Every id is derived, so redeliveries change nothing.
 */
export async function creditPaidOrder(order: ShopifyOrder): Promise<CreditOutcome> {
  const uid = order.attributes[BuyerAttribute.uid];
  const purchaseId = order.attributes[BuyerAttribute.purchaseId];
  if (!uid) return "not_a_jiga_order";
  const result = await db().runTransaction(async (transaction) => {
    const tracked = purchaseId ? (await transaction.get(purchases().doc(purchaseId))).data() : undefined;
    if (payable(tracked, order, uid)) {
      try {
        return await creditTracked(transaction, tracked, order);
      } catch (error) {
        // Voided (cancelled, then paid after all): the buyer paid, so credit them by the order instead.
        if (!isLedgerFailure(error, "not_pending")) throw error;
      }
    }
    return creditUntracked(transaction, order, uid);
  });
  if (result.transactionId) await publishMovement("transaction.completed", uid, result.transactionId);
  if (result.outcome === "needs_review")
    logger.error("A paid order names a buyer but no DOF package we can credit", { order });
  return result.outcome;
}

import { createHash } from "node:crypto";
import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { AppError } from "../common/errors.js";
import { db } from "../common/firebase.js";
import { Accounts } from "../ledger/accounts.js";
import { preparePostings } from "../ledger/post.js";
import { createCheckout } from "./checkout.js";
import { dofPackages, purchases } from "./repo.js";
import type { Purchase } from "./schemas.js";
import { shopifySettings } from "./shopify-client.js";

export interface PurchaseAnswer {
  purchaseId: string;
  transactionId: string;
  checkoutUrl: string;
  amountDof: number;
  status: Purchase["status"];
}

/** The purchase id from the buyer's key: the same key always names the same purchase, and only the buyer's. */
export function purchaseIdOf(uid: string, idempotencyKey: string): string {
  return `pur_${createHash("sha256").update(`${uid}\n${idempotencyKey}`).digest("base64url").slice(0, 27)}`;
}

export const purchaseTransactionId = (purchaseId: string) => `purchase_${purchaseId}`;

function answerOf(purchase: Purchase): PurchaseAnswer {
  return {
    purchaseId: purchase.purchaseId,
    transactionId: purchase.transactionId,
    checkoutUrl: purchase.checkoutUrl ?? "",
    amountDof: purchase.amountDof,
    status: purchase.status,
  };
}

function sameRequestOr409(purchase: Purchase, packageId: string): PurchaseAnswer {
  if (purchase.packageId !== packageId)
    throw new AppError(
      "conflict",
      "This idempotency key was already used for another package; use a new key for a new purchase.",
      { purchaseId: purchase.purchaseId, packageId: purchase.packageId },
    );
  return answerOf(purchase);
}

/**
 * Starts buying a DOF package: a Shopify cart tagged with the buyer, a `purchases` record and a pending
 * `purchase` transaction (mint → wallet, the package's DOF plus bonus) that the paid webhook posts. The same
 * key with the same package answers the first purchase again; with another package, 409.
 */
export async function startPurchase(
  uid: string,
  input: { packageId: string; idempotencyKey: string },
): Promise<PurchaseAnswer> {
  const purchaseId = purchaseIdOf(uid, input.idempotencyKey);
  const purchaseRef = purchases().doc(purchaseId);
  const existing = (await purchaseRef.get()).data();
  if (existing) return sameRequestOr409(existing, input.packageId);

  const dofPackage = (await dofPackages().doc(input.packageId).get()).data();
  if (!dofPackage?.active)
    throw new AppError("notFound", "No such package on sale.", { packageId: input.packageId });
  const settings = shopifySettings(["storefront"]);
  // The cart is made outside the transaction (it calls Shopify). Two racing first tries make two carts;
  // the transaction keeps one purchase, and the other cart is simply never paid.
  const checkout = await createCheckout(settings, {
    variantId: dofPackage.shopifyVariantId,
    uid,
    purchaseId,
  });
  const amountDof = dofPackage.dofAmount + dofPackage.bonusDof;
  const transactionId = purchaseTransactionId(purchaseId);

  const purchase = await db().runTransaction(async (transaction) => {
    const raced = (await transaction.get(purchaseRef)).data();
    if (raced) return raced;
    const prepared = await preparePostings(transaction, [
      {
        transactionId,
        type: "purchase",
        debit: Accounts.shopifyMint,
        credit: Accounts.wallet(uid),
        amountDof,
        references: { purchaseId, packageId: dofPackage.packageId },
        memo: dofPackage.title,
        pending: true,
      },
    ]);
    const now = Timestamp.now();
    const record: Purchase = {
      purchaseId,
      uid,
      packageId: dofPackage.packageId,
      idempotencyKey: input.idempotencyKey,
      transactionId,
      amountDof,
      status: "pending",
      checkoutUrl: checkout.checkoutUrl,
      shopifyCartId: checkout.cartId,
      orderId: null,
      orderQuantity: null,
      refundedQuantity: 0,
      creditedDof: 0,
      reversedDof: 0,
      shortfallDof: 0,
      reversalKeys: [],
      createdAt: now,
      updatedAt: now,
    };
    prepared.write();
    transaction.create(purchaseRef, record);
    return record;
  });
  logger.info("DOF purchase started", { uid, purchaseId, packageId: input.packageId, amountDof });
  return sameRequestOr409(purchase, input.packageId);
}

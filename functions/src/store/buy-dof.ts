import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { AppError } from "../common/errors.js";
import { db } from "../common/firebase.js";
import { Accounts } from "../ledger/accounts.js";
import { causedId, commandId, fingerprint, replayOf } from "../ledger/commands.js";
import { preparePostings } from "../ledger/post.js";
import { createCheckout } from "./checkout.js";
import { dofPackages, purchases } from "./repo.js";
import { newPurchase, type Purchase } from "./schemas.js";
import { shopifySettings } from "./shopify-client.js";

export interface PurchaseAnswer {
  purchaseId: string;
  transactionId: string;
  checkoutUrl: string;
  amountDof: number;
  status: Purchase["status"];
}

/** The ledger transaction that credits a purchase. */
export const purchaseTransactionId = (purchaseId: string) => causedId("purchase", purchaseId);

function answerOf(purchase: Purchase): PurchaseAnswer {
  return {
    purchaseId: purchase.purchaseId,
    transactionId: purchase.transactionId,
    checkoutUrl: purchase.checkoutUrl ?? "",
    amountDof: purchase.amountDof,
    status: purchase.status,
  };
}

/** What a purchase asks: the package. The same key for another package is the reused-key refusal. */
const requestHashOf = (packageId: string) => fingerprint(["purchase", packageId]);

/**
 * Starts buying a DOF package: a Shopify cart tagged with the buyer, a `purchases` record and a pending
 * `purchase` transaction (mint → wallet, the package's DOF plus bonus) that the paid webhook posts. The same
 * key with the same package answers the first purchase again; with another package, 409.
 */
export async function startPurchase(
  uid: string,
  input: { packageId: string; idempotencyKey: string },
): Promise<PurchaseAnswer> {
  // The same key always names the same purchase, and only the buyer's.
  const purchaseId = commandId("purchase", uid, input.idempotencyKey);
  const requestHash = requestHashOf(input.packageId);
  const reused = { commandId: purchaseId, command: "purchase" };
  const purchaseRef = purchases().doc(purchaseId);
  const existing = (await purchaseRef.get()).data();
  if (replayOf(existing, requestHash, reused)) return answerOf(existing);

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
    if (replayOf(raced, requestHash, reused)) return raced;
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
    const record = newPurchase(
      {
        purchaseId,
        uid,
        packageId: dofPackage.packageId,
        idempotencyKey: input.idempotencyKey,
        requestHash,
        transactionId,
        amountDof,
        checkoutUrl: checkout.checkoutUrl,
        shopifyCartId: checkout.cartId,
      },
      Timestamp.now(),
    );
    prepared.write();
    transaction.create(purchaseRef, record);
    return record;
  });
  logger.info("DOF purchase started", { uid, purchaseId, packageId: input.packageId, amountDof });
  return answerOf(purchase);
}

import { Timestamp } from "firebase-admin/firestore";
import { z } from "zod";

/** A package's id is its SKU: stable across syncs and readable in receipts (`DOF-150K-BRONZE`). */
export const PackageId = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9_-]{1,63}$/, "a package SKU, e.g. DOF-150K-BRONZE");

/**
 * `dofPackages/{packageId}`: a DOF package as sold, mirrored from one Shopify product variant and its `jiga`
 * metafields (`dof_amount`, `tier`, `bonus_dof`). Only the sync writes it; a variant that disappears or is
 * unpublished in Shopify stays here, inactive, so old purchases still name it.
 */
export const DofPackage = z.object({
  packageId: PackageId,
  sku: z.string().min(1),
  title: z.string().min(1).max(200),
  tier: z.string().min(1).max(40),
  dofAmount: z.number().int().positive(),
  bonusDof: z.number().int().nonnegative(),
  /** Decimal string as Shopify gives it ("4.99"), never a float. */
  price: z.string().regex(/^\d+(\.\d{1,2})?$/),
  currency: z.string().length(3),
  /** `gid://shopify/ProductVariant/…` */
  shopifyVariantId: z.string().startsWith("gid://shopify/ProductVariant/"),
  active: z.boolean(),
  syncedAt: z.instanceof(Timestamp),
});
export type DofPackage = z.infer<typeof DofPackage>;

export const PurchaseStatus = z.enum([
  /** Checkout created, waiting for payment. */
  "pending",
  /** Paid: the DOF are in the buyer's wallet. */
  "completed",
  /** Cancelled before payment: the pending transaction is voided. */
  "cancelled",
  /** Paid, then (partly) refunded or cancelled: some DOF were clawed back (see reversedDof, shortfallDof). */
  "reversed",
]);
export type PurchaseStatus = z.infer<typeof PurchaseStatus>;

/**
 * `purchases/{purchaseId}`: one purchase of a package. Made by POST /transactions/purchase (id from the buyer's
 * idempotency key) or, for a paid order that names a buyer but no purchase, by the webhook (id from the
 * order). `creditedDof − reversedDof − shortfallDof` is what a later refund may still claw back.
 */
export const Purchase = z.object({
  purchaseId: z.string().min(1),
  uid: z.string().min(1),
  packageId: PackageId,
  idempotencyKey: z.string().nullable(),
  /** The fingerprint of what was asked (the package), so a key reused for another package is refused. */
  requestHash: z.string(),
  /** The ledger transaction that credits the DOF (pending until paid). */
  transactionId: z.string().min(1),
  amountDof: z.number().int().positive(),
  status: PurchaseStatus,
  checkoutUrl: z.string().nullable(),
  shopifyCartId: z.string().nullable(),
  /** The Shopify order that paid it (numeric id as a string), once known. */
  orderId: z.string().nullable(),
  /** How many units of the package the order bought (refunds are proportional to it). */
  orderQuantity: z.number().int().positive().nullable(),
  /** Units refunded so far; refunds claw back in proportion to it (see reverse-purchase.ts). */
  refundedQuantity: z.number().int().nonnegative(),
  creditedDof: z.number().int().nonnegative(),
  reversedDof: z.number().int().nonnegative(),
  /** Refunded DOF the buyer had already spent: not clawed back, recorded here and on accountFlags/{uid}. */
  shortfallDof: z.number().int().nonnegative(),
  /** Refunds and cancellations already applied (`refund:{id}`, `cancel:{orderId}`), so each applies once. */
  reversalKeys: z.array(z.string()),
  createdAt: z.instanceof(Timestamp),
  updatedAt: z.instanceof(Timestamp),
});
export type Purchase = z.infer<typeof Purchase>;

/** What a new purchase is made of; every other field starts where every purchase starts. */
export type NewPurchase = Pick<
  Purchase,
  "purchaseId" | "uid" | "packageId" | "idempotencyKey" | "requestHash" | "transactionId" | "amountDof"
> &
  Partial<
    Pick<Purchase, "status" | "checkoutUrl" | "shopifyCartId" | "orderId" | "orderQuantity" | "creditedDof">
  >;

/** The one constructor of a purchase record: pending and unpaid unless the caller says it was paid. */
export function newPurchase(fields: NewPurchase, now: Timestamp): Purchase {
  return {
    status: "pending",
    checkoutUrl: null,
    shopifyCartId: null,
    orderId: null,
    orderQuantity: null,
    creditedDof: 0,
    ...fields,
    refundedQuantity: 0,
    reversedDof: 0,
    shortfallDof: 0,
    reversalKeys: [],
    createdAt: now,
    updatedAt: now,
  };
}

/** `accountFlags/{uid}`: why an admin should look at an account. Readable through the Admin SDK / console. */
export const AccountFlag = z.object({
  uid: z.string().min(1),
  flagged: z.boolean(),
  /** Refunded DOF that could not be clawed back, summed over purchases. */
  shortfallDof: z.number().int().nonnegative(),
  /** The purchases with a shortfall, and the refund or cancellation that caused it. */
  shortfalls: z.array(
    z.object({ purchaseId: z.string(), reversalKey: z.string(), shortfallDof: z.number().int().positive() }),
  ),
  updatedAt: z.instanceof(Timestamp),
});
export type AccountFlag = z.infer<typeof AccountFlag>;

/** `webhookEvents/shopify_{webhookId}`: a webhook seen, and whether its effect is done. */
export const WebhookEvent = z.object({
  provider: z.literal("shopify"),
  webhookId: z.string().min(1),
  topic: z.string(),
  orderId: z.string().nullable(),
  status: z.enum(["received", "processed", "ignored"]),
  outcome: z.string().nullable(),
  receivedAt: z.instanceof(Timestamp),
  processedAt: z.instanceof(Timestamp).nullable(),
});
export type WebhookEvent = z.infer<typeof WebhookEvent>;

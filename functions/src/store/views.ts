import { z } from "zod";
import type { DofPackage } from "./schemas.js";

export const PackageView = z.object({
  packageId: z.string(),
  sku: z.string(),
  title: z.string(),
  tier: z.string(),
  dofAmount: z.number().int(),
  bonusDof: z.number().int(),
  /** dofAmount + bonusDof: what lands in the wallet. */
  totalDof: z.number().int(),
  price: z.string(),
  currency: z.string(),
});
export type PackageView = z.infer<typeof PackageView>;

export const packageViewOf = (value: DofPackage): PackageView => ({
  packageId: value.packageId,
  sku: value.sku,
  title: value.title,
  tier: value.tier,
  dofAmount: value.dofAmount,
  bonusDof: value.bonusDof,
  totalDof: value.dofAmount + value.bonusDof,
  price: value.price,
  currency: value.currency,
});

export const PurchaseView = z.object({
  purchaseId: z.string(),
  transactionId: z.string(),
  checkoutUrl: z.string(),
  amountDof: z.number().int(),
  status: z.string(),
});

import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { db } from "../common/firebase.js";
import { dofPackages } from "./repo.js";
import { type DofPackage, PackageId } from "./schemas.js";
import { readDofCatalogue } from "./shopify-catalogue.js";
import { shopifySettings } from "./shopify-client.js";

export interface SyncResult {
  /** Packages written as on sale, and as off sale (unpublished, or gone from Shopify). */
  active: number;
  inactive: number;
  /** Variants with a DOF- SKU whose metafields do not make a package. */
  skipped: string[];
}

/**
 * Mirrors the shop's DOF variants into `dofPackages`: each variant with valid `jiga` metafields becomes the
 * package named by its SKU, active while its product is published; a package whose variant is gone is kept,
 * inactive. Idempotent: it writes the catalogue as it is now, whoever runs it and how often.
 */
export async function syncDofPackages(): Promise<SyncResult> {
  const settings = shopifySettings(["admin"]);
  const { entries, skipped } = await readDofCatalogue(settings);
  const syncedAt = Timestamp.now();
  const seen = new Set<string>();
  const batch = db().batch();
  let active = 0;
  let inactive = 0;
  for (const entry of entries) {
    const packageId = PackageId.safeParse(entry.sku);
    if (!packageId.success || seen.has(entry.sku)) {
      skipped.push(entry.sku);
      continue;
    }
    seen.add(entry.sku);
    const record: DofPackage = {
      packageId: packageId.data,
      sku: entry.sku,
      title: entry.title,
      tier: entry.tier,
      dofAmount: entry.dofAmount,
      bonusDof: entry.bonusDof,
      price: entry.price,
      currency: entry.currency,
      shopifyVariantId: entry.variantId,
      active: entry.onSale,
      syncedAt,
    };
    batch.set(dofPackages().doc(record.packageId), record);
    if (record.active) active++;
    else inactive++;
  }
  const stored = await dofPackages().where("active", "==", true).get();
  for (const doc of stored.docs)
    if (!seen.has(doc.id)) {
      batch.update(doc.ref, { active: false, syncedAt });
      inactive++;
    }
  await batch.commit();
  const result = { active, inactive, skipped };
  if (skipped.length) logger.warn("DOF variants skipped by the package sync", { skipped });
  logger.info("DOF packages synced from Shopify", { active, inactive, skipped: skipped.length });
  return result;
}

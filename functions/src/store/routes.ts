import { z } from "zod";
import { ApiRouter } from "../http/api-router.js";
import { IdempotencyKey } from "../ledger/commands.js";
import { startPurchase } from "./buy-dof.js";
import { dofPackages } from "./repo.js";
import { PackageId } from "./schemas.js";
import { syncDofPackages } from "./sync-packages.js";
import { PackageView, PurchaseView, packageViewOf } from "./views.js";

export const PurchaseBody = z.object({
  packageId: PackageId,
  /** Made by the client, reused on retry: the same key answers the same purchase. */
  idempotencyKey: IdempotencyKey,
});

/** The DOF store: packages on sale, buying one, and the admin's sync from Shopify. */
export const storeRoutes = new ApiRouter()
  .route(
    "get",
    "/store/packages",
    {
      summary: "DOF packages on sale, cheapest first (from Firestore, kept in sync with Shopify)",
      access: "public",
      scope: "marketplace:read",
      response: z.object({ items: z.array(PackageView) }),
    },
    async () => {
      const snapshot = await dofPackages().where("active", "==", true).get();
      const items = snapshot.docs.map((doc) => packageViewOf(doc.data()));
      items.sort((a, b) => a.dofAmount - b.dofAmount || a.packageId.localeCompare(b.packageId));
      return { items };
    },
  )
  .route(
    "post",
    "/transactions/purchase",
    {
      summary: "Start buying a DOF package: a Shopify checkout URL and a pending purchase transaction",
      access: "user",
      rateLimitPerMinute: 20,
      successStatus: 201,
      body: PurchaseBody,
      response: PurchaseView,
    },
    async ({ body, caller }) => startPurchase(caller.uid, body),
  )
  .route(
    "post",
    "/admin/store/packages/sync",
    {
      summary: "Sync the DOF packages from Shopify now (the hourly job does the same)",
      access: "admin",
      rateLimitPerMinute: 10,
      response: z.object({ active: z.number(), inactive: z.number(), skipped: z.array(z.string()) }),
    },
    async () => syncDofPackages(),
  )
  .finish();

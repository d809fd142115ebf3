import { logger } from "firebase-functions";
import { onRequest } from "firebase-functions/v2/https";
import { onSchedule } from "firebase-functions/v2/scheduler";
import { shopifyAdminToken, shopifyWebhookSecret } from "../common/params.js";

/** Shopify's webhooks (orders/paid, orders/cancelled, refunds/create, …); see webhooks/handle-webhook.ts. */
export const shopifyWebhooks = onRequest(
  { invoker: "public", secrets: [shopifyWebhookSecret, shopifyAdminToken] },
  async (req, res) => (await import("./webhooks/handle-webhook.js")).handleShopifyWebhook(req, res),
);

/** Hourly: mirrors the shop's DOF variants into dofPackages (also POST /v1/admin/store/packages/sync). */
export const syncDofPackagesHourly = onSchedule(
  { schedule: "every 60 minutes", secrets: [shopifyAdminToken] },
  async () => {
    const result = await (await import("./sync-packages.js")).syncDofPackages();
    logger.info("Hourly DOF package sync", { ...result });
  },
);

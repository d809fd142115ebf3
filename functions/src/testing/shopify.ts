import { createHmac, randomUUID } from "node:crypto";
import { Collections } from "../common/collections.js";
import { admin, stack } from "./stack.js";

/** The local shop of the test stack (emulators/src/shopify), and the secret its webhooks are signed with. */
export const localShop = {
  url: process.env.JIGA_SHOPIFY_URL ?? "",
  domain: process.env.SHOPIFY_SHOP_DOMAIN ?? "",
  webhookSecret: process.env.SHOPIFY_WEBHOOK_SECRET ?? "",
};

export const shopifyWebhookUrl = () => `${stack.functionsUrl}/${stack.projectId}/us-central1/shopifyWebhooks`;

/** Webhooks the local shop sent for a control call: id, topic and the statuses our function answered. */
export interface DeliveryReport {
  webhookId: string;
  topic: string;
  statuses: number[];
}

/** One call to the local shop's control API (`/_jiga/...`): what a customer or the merchant would do. */
// biome-ignore lint/suspicious/noExplicitAny: tests read whatever the local shop answered.
export async function shopControl(path: string, body: object = {}, method = "POST"): Promise<any> {
  const response = await fetch(`${localShop.url}/_jiga/${path}`, {
    method,
    body: method === "GET" ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`Local shop ${method} /_jiga/${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}

/** Runs the hourly package sync now (through the stack's scheduler, as Cloud Scheduler would). */
export async function syncPackagesNow(): Promise<void> {
  const response = await fetch(`${stack.schedulerUrl}/jobs/syncDofPackagesHourly:run`, { method: "POST" });
  if (!response.ok) throw new Error(`Package sync failed: ${response.status} ${await response.text()}`);
}

/** The Shopify variant GID of a synced package, syncing first if Firestore does not have it. */
export async function variantOf(packageId: string): Promise<string> {
  const ref = admin.db().collection(Collections.dofPackages).doc(packageId);
  let snapshot = await ref.get();
  if (!snapshot.exists) {
    await syncPackagesNow();
    snapshot = await ref.get();
  }
  const variantId = snapshot.get("shopifyVariantId");
  if (typeof variantId !== "string") throw new Error(`No package ${packageId} in the local shop`);
  return variantId;
}

/**
 * Buys DOF for `uid` as a paid Shopify order does: the local shop places a paid order tagged with the buyer
 * (`jiga_uid`, no purchase id) and posts its signed `orders/create` and `orders/paid` webhooks to the
 * `shopifyWebhooks` function, which credits the wallet before this resolves. `quantity` units of
 * `packageId` (default one Bronze, 150,000 DOF); answers the order id and the webhooks sent.
 */
export async function buyDofThroughShopify(
  uid: string,
  options: { packageId?: string; quantity?: number } = {},
): Promise<{ orderId: string; deliveries: DeliveryReport[] }> {
  const variantId = await variantOf(options.packageId ?? "DOF-150K-BRONZE");
  const placed = await shopControl("orders", {
    lines: [{ variantId, quantity: options.quantity ?? 1 }],
    attributes: [{ key: "jiga_uid", value: uid }],
  });
  const deliveries = placed.deliveries as DeliveryReport[];
  const paid = deliveries.find((delivery) => delivery.topic === "orders/paid");
  if (paid?.statuses.at(-1) !== 200)
    throw new Error(`The orders/paid webhook was not accepted: ${JSON.stringify(deliveries)}`);
  return { orderId: String(placed.order.id), deliveries };
}

export interface WebhookOverrides {
  secret?: string;
  webhookId?: string;
  triggeredAt?: string;
  shopDomain?: string;
  /** Replaces the signature header; null leaves it out. */
  hmac?: string | null;
}

/** Posts a webhook of our own making to the function, signed like Shopify's unless overridden. */
export async function postShopifyWebhook(
  topic: string,
  payload: unknown,
  overrides: WebhookOverrides = {},
): Promise<{ status: number; body: string }> {
  const body = JSON.stringify(payload);
  const hmac =
    overrides.hmac === undefined
      ? createHmac("sha256", overrides.secret ?? localShop.webhookSecret)
          .update(body)
          .digest("base64")
      : overrides.hmac;
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "X-Shopify-Topic": topic,
    "X-Shopify-Shop-Domain": overrides.shopDomain ?? localShop.domain,
    "X-Shopify-API-Version": "2026-01",
    "X-Shopify-Webhook-Id": overrides.webhookId ?? randomUUID(),
    "X-Shopify-Event-Id": randomUUID(),
    "X-Shopify-Triggered-At": overrides.triggeredAt ?? new Date().toISOString(),
  };
  if (hmac !== null) headers["X-Shopify-Hmac-Sha256"] = hmac;
  const response = await fetch(shopifyWebhookUrl(), { method: "POST", headers, body });
  return { status: response.status, body: await response.text() };
}

/** A ledger transaction as stored, for checking its status. */
export const ledgerRecord = async (transactionId: string) =>
  (await admin.db().collection(Collections.transactions).doc(transactionId).get()).data();

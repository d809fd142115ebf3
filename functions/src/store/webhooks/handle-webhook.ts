import type { Request, Response } from "express";
import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { AppError, asAppError, errorBody } from "../../common/errors.js";
import { purchasesOfOrder, webhookEvents } from "../repo.js";
import { type ShopifySettings, shopifySettings } from "../shopify-client.js";
import { creditPaidOrder } from "./credit-paid-order.js";
import { actionOf, attributesOf, OrderPayload, RefundPayload, type WebhookAction } from "./payloads.js";
import { paidStatuses, readOrder } from "./read-order.js";
import { reversePurchase } from "./reverse-purchase.js";
import { type VerifiedWebhook, verifyWebhook } from "./verify.js";

const alreadyExists = 6;

/** Records the webhook id; false when an earlier delivery already finished it. */
async function firstTime(webhook: VerifiedWebhook, orderId: string | null): Promise<boolean> {
  const ref = webhookEvents().doc(`shopify_${webhook.webhookId}`);
  try {
    await ref.create({
      provider: "shopify",
      webhookId: webhook.webhookId,
      topic: webhook.topic,
      orderId,
      status: "received",
      outcome: null,
      receivedAt: Timestamp.now(),
      processedAt: null,
    });
    return true;
  } catch (error) {
    if ((error as { code?: number }).code !== alreadyExists) throw error;
    // Received before but not finished (it failed, or a copy is running now): run it again, the effects
    // are idempotent on their own; finished: nothing to do.
    return (await ref.get()).data()?.status === "received";
  }
}

async function finish(webhookId: string, status: "processed" | "ignored", outcome: string): Promise<void> {
  await webhookEvents().doc(`shopify_${webhookId}`).update({ status, outcome, processedAt: Timestamp.now() });
}

function orderIdOf(action: WebhookAction, body: unknown): string | null {
  if (action === "refund") return RefundPayload.parse(body).order_id;
  if (action === "credit" || action === "cancel") return OrderPayload.parse(body).id;
  return null;
}

async function apply(action: WebhookAction, body: unknown, settings: ShopifySettings): Promise<string> {
  switch (action) {
    case "credit": {
      const payload = OrderPayload.parse(body);
      // The order as Shopify has it now, not the webhook's copy: its status, buyer and lines.
      const order = await readOrder(settings, payload.id);
      if (!order) return "order_not_found";
      if (!paidStatuses.has(order.financialStatus))
        throw new AppError("unavailable", "The order is not paid in Shopify yet.", { orderId: payload.id });
      return creditPaidOrder(order);
    }
    case "cancel": {
      const payload = OrderPayload.parse(body);
      const order = await readOrder(settings, payload.id);
      const paid = order ? paidStatuses.has(order.financialStatus) : payload.financial_status !== "voided";
      return reversePurchase({
        kind: "cancel",
        orderId: payload.id,
        purchaseId: attributesOf(payload).jiga_purchase_id,
        paid,
      });
    }
    case "refund": {
      const payload = RefundPayload.parse(body);
      // The refund names line items by SKU; the purchase knows its package's SKU and the units bought.
      const purchase = (await purchasesOfOrder(payload.order_id).get()).docs[0]?.data();
      if (!purchase) {
        // Not credited yet (the paid webhook is late) or not ours: ours names a buyer; ask Shopify.
        const order = await readOrder(settings, payload.order_id);
        if (!order?.attributes.jiga_uid) return "not_a_jiga_order";
        throw new AppError("unavailable", "The order's payment is not credited yet; retry later.");
      }
      const quantity = payload.refund_line_items
        .filter((line) => line.line_item.sku === purchase.packageId)
        .reduce((sum, line) => sum + line.quantity, 0);
      if (quantity === 0) return "no_dof_refunded";
      return reversePurchase({ kind: "refund", orderId: payload.order_id, refundId: payload.id, quantity });
    }
    case "ignore":
      return "ignored";
  }
}

function send(res: Response, error: AppError): void {
  res.status(error.status).json(errorBody(error));
}

/**
 * The Shopify webhook endpoint. Verifies first (forged, unsigned or stale → 401, nothing written), records
 * the webhook id, applies the topic's action and answers 200; a failure that may pass (Shopify or Firestore
 * unavailable, payment not yet credited) answers 503 so Shopify retries; a payload we can never use is
 * recorded as ignored and answered 200, so Shopify stops retrying.
 */
export async function handleShopifyWebhook(req: Request, res: Response): Promise<void> {
  if (req.method !== "POST") {
    send(res, new AppError("methodNotAllowed", "Webhooks are POSTed."));
    return;
  }
  let webhook: VerifiedWebhook;
  let settings: ShopifySettings;
  try {
    settings = shopifySettings(["webhooks", "admin"]);
    webhook = await verifyWebhook(req, res, settings);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "unauthenticated")
      logger.warn("Shopify webhook refused", { reason: error.message, details: error.details });
    send(res, error);
    return;
  }
  const action = actionOf(webhook.topic);
  const context = { webhookId: webhook.webhookId, topic: webhook.topic };
  let orderId: string | null;
  try {
    orderId = orderIdOf(action, req.body);
  } catch (error) {
    logger.error("Shopify webhook payload not understood", { ...context, error: (error as Error).message });
    if (await firstTime(webhook, null)) await finish(webhook.webhookId, "ignored", "invalid_payload");
    res.status(200).json({ received: true, outcome: "invalid_payload" });
    return;
  }
  try {
    if (!(await firstTime(webhook, orderId))) {
      res.status(200).json({ received: true, outcome: "duplicate" });
      return;
    }
    const outcome = await apply(action, req.body, settings);
    await finish(webhook.webhookId, action === "ignore" ? "ignored" : "processed", outcome);
    logger.info("Shopify webhook processed", { ...context, orderId, outcome });
    res.status(200).json({ received: true, outcome });
  } catch (error) {
    const refusal = asAppError(error);
    const transient = !refusal || refusal.code === "unavailable" || refusal.code === "internal";
    logger.error("Shopify webhook failed", { ...context, orderId, transient, error });
    if (transient) {
      send(res, new AppError("unavailable", "Try again later."));
      return;
    }
    await finish(webhook.webhookId, "ignored", `refused:${refusal.code}`);
    res.status(200).json({ received: true, outcome: `refused:${refusal.code}` });
  }
}

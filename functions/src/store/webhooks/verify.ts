import type { Request, Response } from "express";
import { AppError } from "../../common/errors.js";
import { type ShopifySettings, shopifyFor } from "../shopify-client.js";

/**
 * How old a webhook may be, by its `X-Shopify-Triggered-At`. Shopify retries a failed delivery up to 8 times
 * over about 4 hours, with the original trigger time; 24 hours covers that with room for a same-day manual
 * resend from the admin, and bounds how long a captured delivery could be replayed (replays are no-ops
 * anyway: the webhook id is recorded). Up to 5 minutes in the future is clock skew.
 */
export const maxWebhookAgeMs = 24 * 60 * 60 * 1000;
const maxClockSkewMs = 5 * 60 * 1000;

export interface VerifiedWebhook {
  topic: string;
  webhookId: string;
  shopDomain: string;
  triggeredAtMs: number;
}

const unauthenticated = (message: string, details: Record<string, unknown> = {}) =>
  new AppError("unauthenticated", message, details);

/**
 * Checks a webhook before anything is written: the HMAC over the raw body with the app secret, through the
 * official SDK (`shopify.webhooks.validate`), the shop it claims to come from, and its age.
 */
export async function verifyWebhook(
  req: Request,
  res: Response,
  settings: ShopifySettings,
  nowMs = Date.now(),
): Promise<VerifiedWebhook> {
  const rawBody = (req as Request & { rawBody?: Buffer }).rawBody;
  if (!rawBody?.length) throw unauthenticated("The webhook has no body to verify.");
  const shopify = await shopifyFor(settings);
  const result = await shopify.webhooks.validate({
    rawBody: rawBody.toString("utf8"),
    rawRequest: req,
    rawResponse: res,
  });
  if (!result.valid) throw unauthenticated("The webhook signature is not valid.", { reason: result.reason });
  if (result.domain !== settings.shopDomain) throw unauthenticated("The webhook is from another shop.");
  const triggeredAtMs = Date.parse(req.get("x-shopify-triggered-at") ?? "");
  if (!Number.isFinite(triggeredAtMs)) throw unauthenticated("The webhook has no trigger time.");
  if (nowMs - triggeredAtMs > maxWebhookAgeMs || triggeredAtMs - nowMs > maxClockSkewMs)
    throw unauthenticated("The webhook is too old (or from the future).", {
      triggeredAt: new Date(triggeredAtMs).toISOString(),
    });
  return {
    topic: req.get("x-shopify-topic") ?? "",
    webhookId: result.webhookId,
    shopDomain: result.domain,
    triggeredAtMs,
  };
}

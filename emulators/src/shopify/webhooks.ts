import { createHmac, randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

export type WebhookTopic = "orders/create" | "orders/paid" | "orders/cancelled" | "refunds/create";

export interface Attempt {
  /** The HTTP status the receiver answered, or 0 when it could not be reached. */
  status: number;
  body: string;
}

/** One webhook as Shopify sends it: the same id, body and headers on every attempt and redelivery. */
export interface Delivery {
  webhookId: string;
  topic: WebhookTopic;
  body: string;
  headers: Record<string, string>;
  attempts: Attempt[];
}

export interface WebhookOptions {
  /** Where webhooks go; none: they are recorded, not sent. */
  address?: string;
  secret: string;
  shopDomain: string;
  apiVersion: string;
  /** Attempts per delivery before giving up (Shopify keeps trying for hours; locally a few suffice). */
  attempts?: number;
  retryDelayMs?: number;
}

/** `X-Shopify-Hmac-Sha256`: base64 HMAC-SHA256 of the raw body with the app's secret. */
export function signWebhook(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

/** Signs and posts webhooks, and keeps each so tests can have it delivered again. */
export class WebhookSender {
  private readonly deliveries = new Map<string, Delivery>();

  constructor(private readonly options: WebhookOptions) {}

  /** Builds, records and sends one webhook; resolves when the receiver answered 2xx or attempts ran out. */
  async send(topic: WebhookTopic, payload: unknown): Promise<Delivery> {
    const body = JSON.stringify(payload);
    const webhookId = randomUUID();
    const delivery: Delivery = {
      webhookId,
      topic,
      body,
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Shopify-Captain-Hook",
        "X-Shopify-Topic": topic,
        "X-Shopify-Hmac-Sha256": signWebhook(body, this.options.secret),
        "X-Shopify-Shop-Domain": this.options.shopDomain,
        "X-Shopify-API-Version": this.options.apiVersion,
        "X-Shopify-Webhook-Id": webhookId,
        "X-Shopify-Event-Id": randomUUID(),
        "X-Shopify-Triggered-At": new Date().toISOString(),
      },
      attempts: [],
    };
    this.deliveries.set(webhookId, delivery);
    await this.deliverWithRetries(delivery);
    return delivery;
  }

  delivery(webhookId: string): Delivery | undefined {
    return this.deliveries.get(webhookId);
  }

  /** Sends a recorded webhook again, `copies` times at once, unchanged (as Shopify's retries are). */
  async resend(delivery: Delivery, copies: number): Promise<Attempt[]> {
    const attempts = await Promise.all(Array.from({ length: copies }, () => this.attempt(delivery)));
    delivery.attempts.push(...attempts);
    return attempts;
  }

  private async deliverWithRetries(delivery: Delivery): Promise<void> {
    if (!this.options.address) return;
    const tries = this.options.attempts ?? 3;
    for (let attempt = 1; attempt <= tries; attempt++) {
      const result = await this.attempt(delivery);
      delivery.attempts.push(result);
      if (result.status >= 200 && result.status < 300) return;
      if (attempt < tries) await sleep((this.options.retryDelayMs ?? 1000) * attempt);
    }
  }

  private async attempt(delivery: Delivery): Promise<Attempt> {
    if (!this.options.address) return { status: 0, body: "no webhook address configured" };
    try {
      const response = await fetch(this.options.address, {
        method: "POST",
        headers: delivery.headers,
        body: delivery.body,
        signal: AbortSignal.timeout(30_000),
      });
      return { status: response.status, body: await response.text() };
    } catch (error) {
      return { status: 0, body: (error as Error).message };
    }
  }
}

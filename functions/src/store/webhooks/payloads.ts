import { z } from "zod";

/** What the webhook handler does for each topic: our own actions, translated at the edge. */
export type WebhookAction = "credit" | "cancel" | "refund" | "ignore";

export function actionOf(topic: string): WebhookAction {
  switch (topic) {
    case "orders/paid":
      return "credit";
    case "orders/cancelled":
      return "cancel";
    case "refunds/create":
      return "refund";
    default:
      // orders/create and anything else: nothing to do until an order is paid.
      return "ignore";
  }
}

const NumericId = z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).transform(String);

/** The part of an order webhook (orders/paid, orders/cancelled) we rely on; the rest is re-read. */
export const OrderPayload = z.object({
  id: NumericId,
  admin_graphql_api_id: z.string().startsWith("gid://shopify/Order/"),
  financial_status: z.string().nullable().optional(),
  note_attributes: z.array(z.object({ name: z.string(), value: z.string() })).default([]),
});
export type OrderPayload = z.infer<typeof OrderPayload>;

/** A refunds/create webhook: which line items (by SKU) and how many units were refunded. */
export const RefundPayload = z.object({
  id: NumericId,
  order_id: NumericId,
  refund_line_items: z
    .array(
      z.object({
        quantity: z.number().int().nonnegative(),
        line_item: z.object({ sku: z.string().nullable() }),
      }),
    )
    .default([]),
});
export type RefundPayload = z.infer<typeof RefundPayload>;

export const orderGid = (orderId: string) => `gid://shopify/Order/${orderId}`;

export function attributesOf(payload: { note_attributes: Array<{ name: string; value: string }> }) {
  return Object.fromEntries(payload.note_attributes.map(({ name, value }) => [name, value]));
}

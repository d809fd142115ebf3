import type { CartLine, Order, Refund, Shop } from "./shop.js";
import type { Delivery, WebhookSender } from "./webhooks.js";

/** What a control call reports of the webhooks it sent: each one's id, topic and the statuses it got. */
export interface DeliveryReport {
  webhookId: string;
  topic: string;
  statuses: number[];
}

export const reportOf = (delivery: Delivery): DeliveryReport => ({
  webhookId: delivery.webhookId,
  topic: delivery.topic,
  statuses: delivery.attempts.map((attempt) => attempt.status),
});

/** What the shop does as a customer completes a checkout: the order, then `orders/create` and maybe `orders/paid`. */
export async function placeOrder(
  shop: Shop,
  webhooks: WebhookSender,
  input: { lines: CartLine[]; attributes: Array<{ key: string; value: string }>; cartToken: string | null },
  pay: boolean,
): Promise<{ order: Order; deliveries: DeliveryReport[] }> {
  const order = shop.createOrder(input.lines, input.attributes, input.cartToken);
  if (pay) shop.markPaid(order);
  const deliveries = [await webhooks.send("orders/create", order)];
  if (pay) deliveries.push(await webhooks.send("orders/paid", order));
  return { order, deliveries: deliveries.map(reportOf) };
}

export async function payOrder(shop: Shop, webhooks: WebhookSender, order: Order) {
  shop.markPaid(order);
  return { order, deliveries: [reportOf(await webhooks.send("orders/paid", order))] };
}

export async function cancelOrder(shop: Shop, webhooks: WebhookSender, order: Order, reason: string) {
  shop.cancel(order, reason);
  return { order, deliveries: [reportOf(await webhooks.send("orders/cancelled", order))] };
}

export async function refundOrder(
  shop: Shop,
  webhooks: WebhookSender,
  order: Order,
  lines: Array<{ lineItemId: number; quantity: number }> | undefined,
): Promise<{ order: Order; refund: Refund; deliveries: DeliveryReport[] }> {
  const refund = shop.refund(order, lines);
  return { order, refund, deliveries: [reportOf(await webhooks.send("refunds/create", refund))] };
}

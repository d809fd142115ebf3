import { z } from "zod";
import { AppError } from "../../common/errors.js";
import { isTransientShopifyError, type ShopifySettings, shopifyFor } from "../shopify-client.js";

const orderQuery = `#graphql
query Order($id: ID!) {
  order(id: $id) {
    id
    displayFinancialStatus
    cancelledAt
    customAttributes { key value }
    lineItems(first: 50) { nodes { sku quantity } }
  }
}`;

const OrderAnswer = z.object({
  order: z
    .object({
      id: z.string(),
      displayFinancialStatus: z.string().nullable(),
      cancelledAt: z.string().nullable(),
      customAttributes: z.array(z.object({ key: z.string(), value: z.string().nullable() })),
      lineItems: z.object({
        nodes: z.array(z.object({ sku: z.string().nullable(), quantity: z.number().int() })),
      }),
    })
    .nullable(),
});

/** An order as Shopify has it now: what we credit from, never the webhook's copy. */
export interface ShopifyOrder {
  orderId: string;
  financialStatus: string;
  cancelled: boolean;
  attributes: Record<string, string>;
  lines: Array<{ sku: string; quantity: number }>;
}

/** Shopify financial statuses of an order whose payment was captured (later refunds do not undo that). */
export const paidStatuses = new Set(["PAID", "PARTIALLY_REFUNDED", "REFUNDED"]);

/** Re-reads an order through the Admin API; null when Shopify has no such order. Transient failures → 503. */
export async function readOrder(settings: ShopifySettings, orderId: string): Promise<ShopifyOrder | null> {
  const shopify = await shopifyFor(settings);
  const client = new shopify.clients.Graphql({
    session: shopify.session.customAppSession(settings.shopDomain),
  });
  let data: unknown;
  try {
    data = (await client.request(orderQuery, { variables: { id: `gid://shopify/Order/${orderId}` } })).data;
  } catch (error) {
    if (!isTransientShopifyError(error)) throw error;
    throw new AppError("unavailable", "Shopify did not answer the order re-read.", { orderId });
  }
  const { order } = OrderAnswer.parse(data);
  if (!order) return null;
  return {
    orderId,
    financialStatus: order.displayFinancialStatus ?? "",
    cancelled: order.cancelledAt !== null,
    attributes: Object.fromEntries(order.customAttributes.map(({ key, value }) => [key, value ?? ""])),
    lines: order.lineItems.nodes.flatMap((line) =>
      line.sku ? [{ sku: line.sku, quantity: line.quantity }] : [],
    ),
  };
}

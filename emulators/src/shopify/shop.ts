import { randomBytes } from "node:crypto";
import { type CatalogueVariant, productGid, seedCatalogue, variantGid } from "./catalogue.js";

/** An error the server answers with its status and `{ errors: message }`, as Shopify's REST-style errors. */
export class ShopifyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface CartLine {
  variantId: number;
  quantity: number;
}

export interface Cart {
  /** The token in the cart GID and the checkout URL. */
  token: string;
  lines: CartLine[];
  attributes: Array<{ key: string; value: string }>;
  /** The order its checkout created, once paid. */
  orderId: number | null;
}

/** An order in the shape of Shopify's REST resource (and so of its webhooks), the fields JIGA uses and a few more. */
export interface Order {
  id: number;
  admin_graphql_api_id: string;
  name: string;
  order_number: number;
  email: string | null;
  test: boolean;
  created_at: string;
  updated_at: string;
  processed_at: string;
  cancelled_at: string | null;
  cancel_reason: string | null;
  currency: string;
  financial_status: "pending" | "paid" | "partially_refunded" | "refunded" | "voided";
  fulfillment_status: null;
  total_price: string;
  subtotal_price: string;
  total_tax: string;
  cart_token: string | null;
  note_attributes: Array<{ name: string; value: string }>;
  line_items: OrderLine[];
  refunds: Refund[];
}

export interface OrderLine {
  id: number;
  admin_graphql_api_id: string;
  product_id: number;
  variant_id: number;
  sku: string;
  title: string;
  name: string;
  quantity: number;
  current_quantity: number;
  price: string;
}

export interface Refund {
  id: number;
  order_id: number;
  admin_graphql_api_id: string;
  created_at: string;
  processed_at: string;
  note: string | null;
  restock: boolean;
  refund_line_items: Array<{
    id: number;
    line_item_id: number;
    quantity: number;
    subtotal: number;
    line_item: OrderLine;
  }>;
}

const cents = (price: string) => Math.round(Number(price) * 100);
const money = (amountCents: number) => (amountCents / 100).toFixed(2);

/** The shop's state: its catalogue, carts and orders, in memory. */
export class Shop {
  readonly variants: CatalogueVariant[] = seedCatalogue();
  private readonly carts = new Map<string, Cart>();
  private readonly orders = new Map<number, Order>();
  // Ids grow from the start time, so a restarted server does not reuse ids a persisted database has seen.
  private nextId = Date.now() * 1000;
  private nextOrderNumber = 1001;

  constructor(readonly currency: string) {}

  private id(): number {
    this.nextId += 1;
    return this.nextId;
  }

  variant(id: number): CatalogueVariant | undefined {
    return this.variants.find((variant) => variant.id === id);
  }

  createCart(lines: CartLine[], attributes: Cart["attributes"]): Cart {
    const cart: Cart = { token: randomBytes(12).toString("hex"), lines, attributes, orderId: null };
    this.carts.set(cart.token, cart);
    return cart;
  }

  cart(token: string): Cart | undefined {
    return this.carts.get(token);
  }

  order(id: number): Order | undefined {
    return this.orders.get(id);
  }

  /** An order for the lines, as a checkout completes it; `paid` or still `pending` (e.g. bank transfer). */
  createOrder(lines: CartLine[], attributes: Cart["attributes"], cartToken: string | null): Order {
    const now = new Date().toISOString();
    const id = this.id();
    const lineItems = lines.map(({ variantId, quantity }) => {
      const variant = this.variant(variantId);
      if (!variant) throw new ShopifyError(404, `No variant ${variantId}`);
      const lineId = this.id();
      return {
        id: lineId,
        admin_graphql_api_id: `gid://shopify/LineItem/${lineId}`,
        product_id: variant.productId,
        variant_id: variant.id,
        sku: variant.sku,
        title: variant.productTitle,
        name: variant.title,
        quantity,
        current_quantity: quantity,
        price: variant.price,
      };
    });
    const totalCents = lineItems.reduce((sum, line) => sum + cents(line.price) * line.quantity, 0);
    const orderNumber = this.nextOrderNumber++;
    const order: Order = {
      id,
      admin_graphql_api_id: `gid://shopify/Order/${id}`,
      name: `#${orderNumber}`,
      order_number: orderNumber,
      email: null,
      test: true,
      created_at: now,
      updated_at: now,
      processed_at: now,
      cancelled_at: null,
      cancel_reason: null,
      currency: this.currency,
      financial_status: "pending",
      fulfillment_status: null,
      total_price: money(totalCents),
      subtotal_price: money(totalCents),
      total_tax: "0.00",
      cart_token: cartToken,
      note_attributes: attributes.map(({ key, value }) => ({ name: key, value })),
      line_items: lineItems,
      refunds: [],
    };
    this.orders.set(id, order);
    return order;
  }

  markPaid(order: Order): void {
    if (order.financial_status !== "pending")
      throw new ShopifyError(422, "The order is not awaiting payment");
    order.financial_status = "paid";
    order.updated_at = new Date().toISOString();
  }

  cancel(order: Order, reason: string): void {
    if (order.cancelled_at) throw new ShopifyError(422, "The order is already cancelled");
    const now = new Date().toISOString();
    order.cancelled_at = now;
    order.cancel_reason = reason;
    if (order.financial_status === "pending") order.financial_status = "voided";
    order.updated_at = now;
  }

  /** Refunds quantities of line items (all that remains when none are named). */
  refund(order: Order, lines: Array<{ lineItemId: number; quantity: number }> | undefined): Refund {
    if (order.financial_status === "pending" || order.financial_status === "voided")
      throw new ShopifyError(422, "Only a paid order can be refunded");
    const wanted =
      lines ??
      order.line_items
        .filter((line) => line.current_quantity > 0)
        .map((line) => ({ lineItemId: line.id, quantity: line.current_quantity }));
    const now = new Date().toISOString();
    const refundId = this.id();
    const refund: Refund = {
      id: refundId,
      order_id: order.id,
      admin_graphql_api_id: `gid://shopify/Refund/${refundId}`,
      created_at: now,
      processed_at: now,
      note: null,
      restock: false,
      refund_line_items: wanted.map(({ lineItemId, quantity }) => {
        const line = order.line_items.find((item) => item.id === lineItemId);
        if (!line) throw new ShopifyError(404, `No line item ${lineItemId} on order ${order.id}`);
        if (!Number.isInteger(quantity) || quantity < 1 || quantity > line.current_quantity)
          throw new ShopifyError(422, `Line item ${lineItemId} has ${line.current_quantity} left to refund`);
        line.current_quantity -= quantity;
        return {
          id: this.id(),
          line_item_id: line.id,
          quantity,
          subtotal: (cents(line.price) * quantity) / 100,
          line_item: { ...line },
        };
      }),
    };
    order.refunds.push(refund);
    const left = order.line_items.reduce((sum, line) => sum + line.current_quantity, 0);
    order.financial_status = left === 0 ? "refunded" : "partially_refunded";
    order.updated_at = now;
    return refund;
  }
}

export { productGid, variantGid };

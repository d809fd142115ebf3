/**
 * A local, in-memory stand-in for one Shopify shop, for tests and the local stack: the Admin GraphQL API
 * (the DOF catalogue, orders), the Storefront API (`cartCreate`), a checkout page with a Pay button, and
 * signed webhooks (`orders/create`, `orders/paid`, `orders/cancelled`, `refunds/create`) to one address.
 * A JSON control API under `/_jiga/` does from tests what a customer or a merchant would (see README.md).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { checkoutPage, thankYouPage } from "./checkout-page.js";
import { cancelOrder, payOrder, placeOrder, refundOrder } from "./flows.js";
import { answerAdmin, answerStorefront, type GraphqlRequest } from "./graphql.js";
import { readBody, readJson, sendHtml, sendJson } from "./http.js";
import { type CartLine, type Order, Shop, ShopifyError } from "./shop.js";
import { WebhookSender } from "./webhooks.js";

export interface ShopifyServerOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  shopDomain: string;
  adminToken: string;
  storefrontToken: string;
  /** Signs webhooks (the app's client secret, in Shopify's words). */
  webhookSecret: string;
  /** Where webhooks are posted; none: they are recorded only. */
  webhookAddress?: string;
  apiVersion: string;
  currency?: string;
  /** Webhook attempts before giving up, and the delay between them (grows linearly). */
  webhookAttempts?: number;
  webhookRetryDelayMs?: number;
  log?: (line: string) => void;
}

export interface RunningShopifyServer {
  /** `http://host:port` */
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function graphqlBody(req: IncomingMessage): Promise<GraphqlRequest> {
  const body = await readJson(req);
  if (typeof body.query !== "string") throw new ShopifyError(400, "Parameter Missing or Invalid: query");
  const variables = typeof body.variables === "object" && body.variables !== null ? body.variables : {};
  return { query: body.query, variables: variables as Record<string, unknown> };
}

function linesOf(value: unknown): CartLine[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new ShopifyError(400, "lines must be a non-empty list");
  return value.map((line: { variantId?: unknown; quantity?: unknown }) => {
    const id = typeof line.variantId === "string" ? Number(line.variantId.split("/").pop()) : line.variantId;
    const quantity = line.quantity ?? 1;
    if (typeof id !== "number" || !Number.isInteger(id) || typeof quantity !== "number" || quantity < 1)
      throw new ShopifyError(400, "Each line needs a variantId (number or GID) and a positive quantity");
    return { variantId: id, quantity };
  });
}

function attributesOf(value: unknown): Array<{ key: string; value: string }> {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ShopifyError(400, "attributes must be a list of { key, value }");
  return value.map((entry: { key?: unknown; value?: unknown }) => ({
    key: String(entry.key),
    value: String(entry.value),
  }));
}

export async function startShopifyServer(options: ShopifyServerOptions): Promise<RunningShopifyServer> {
  const shop = new Shop(options.currency ?? "USD");
  const log = options.log ?? (() => {});
  const webhooks = new WebhookSender({
    address: options.webhookAddress,
    secret: options.webhookSecret,
    shopDomain: options.shopDomain,
    apiVersion: options.apiVersion,
    attempts: options.webhookAttempts,
    retryDelayMs: options.webhookRetryDelayMs,
  });
  let origin = "";

  const orderOf = (id: string | undefined): Order => {
    const order = shop.order(Number(id));
    if (!order) throw new ShopifyError(404, `No order ${id}`);
    return order;
  };

  const completeCheckout = async (token: string | undefined, pay: boolean) => {
    const cart = token ? shop.cart(token) : undefined;
    if (!cart) throw new ShopifyError(404, "No such checkout");
    if (cart.orderId !== null) throw new ShopifyError(422, "This checkout is already completed");
    const placed = await placeOrder(shop, webhooks, { ...cart, cartToken: cart.token }, pay);
    cart.orderId = placed.order.id;
    log(
      `order ${placed.order.id} ${placed.order.financial_status}; webhooks ${JSON.stringify(placed.deliveries)}`,
    );
    return placed;
  };

  const control = async (req: IncomingMessage, method: string, parts: string[]): Promise<unknown> => {
    const body = method === "POST" ? await readJson(req) : {};
    const [what, id, action] = parts;
    if (what === "checkouts" && action === "complete" && method === "POST")
      return completeCheckout(id, body.pay !== false);
    if (what === "orders" && id === undefined && method === "POST")
      return placeOrder(
        shop,
        webhooks,
        { lines: linesOf(body.lines), attributes: attributesOf(body.attributes), cartToken: null },
        body.pay !== false,
      );
    if (what === "orders" && action === undefined && method === "GET") return { order: orderOf(id) };
    if (what === "orders" && action === "pay" && method === "POST")
      return payOrder(shop, webhooks, orderOf(id));
    if (what === "orders" && action === "cancel" && method === "POST")
      return cancelOrder(shop, webhooks, orderOf(id), String(body.reason ?? "customer"));
    if (what === "orders" && action === "refund" && method === "POST")
      return refundOrder(
        shop,
        webhooks,
        orderOf(id),
        body.lines === undefined
          ? undefined
          : (body.lines as Array<{ lineItemId: number; quantity: number }>),
      );
    if (what === "webhooks" && action === "resend" && method === "POST") {
      const delivery = id ? webhooks.delivery(id) : undefined;
      if (!delivery) throw new ShopifyError(404, `No webhook ${id}`);
      const copies = typeof body.copies === "number" ? Math.min(Math.max(body.copies, 1), 50) : 1;
      return {
        webhookId: delivery.webhookId,
        statuses: (await webhooks.resend(delivery, copies)).map((a) => a.status),
      };
    }
    if (what === "webhooks" && action === undefined && method === "GET") {
      const delivery = id ? webhooks.delivery(id) : undefined;
      if (!delivery) throw new ShopifyError(404, `No webhook ${id}`);
      return delivery;
    }
    throw new ShopifyError(404, `No control route ${method} /_jiga/${parts.join("/")}`);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://shop.local");
    const method = req.method ?? "GET";
    const parts = url.pathname.split("/").filter(Boolean);

    if (method === "POST" && parts[0] === "admin" && parts[1] === "api" && parts[3] === "graphql.json") {
      if (header(req, "x-shopify-access-token") !== options.adminToken) {
        log(`401 ${url.pathname}: wrong Admin API access token`);
        sendJson(res, 401, {
          errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
        });
        return;
      }
      sendJson(res, 200, answerAdmin(shop, await graphqlBody(req)));
      return;
    }
    if (method === "POST" && parts[0] === "api" && parts[2] === "graphql.json" && parts.length === 3) {
      const token =
        header(req, "x-shopify-storefront-access-token") ?? header(req, "shopify-storefront-private-token");
      if (token !== options.storefrontToken) {
        log(`401 ${url.pathname}: wrong Storefront access token`);
        sendJson(res, 401, { errors: [{ message: "", extensions: { code: "UNAUTHORIZED" } }] });
        return;
      }
      sendJson(res, 200, answerStorefront(shop, await graphqlBody(req), origin));
      return;
    }
    if (parts[0] === "checkouts" && parts[1] === "cn" && parts[2]) {
      const cart = shop.cart(parts[2]);
      if (!cart) throw new ShopifyError(404, "No such checkout");
      if (method === "GET" && parts.length === 3) {
        sendHtml(
          res,
          200,
          checkoutPage(cart, (id) => shop.variant(id)),
        );
        return;
      }
      if (method === "POST" && parts[3] === "pay") {
        await readBody(req);
        sendHtml(res, 200, thankYouPage((await completeCheckout(cart.token, true)).order));
        return;
      }
    }
    if (parts[0] === "_jiga") {
      sendJson(res, 200, await control(req, method, parts.slice(1)));
      return;
    }
    throw new ShopifyError(404, `Not found: ${method} ${url.pathname}`);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof ShopifyError) {
        sendJson(res, error.status, { errors: error.message });
        return;
      }
      log(`500 ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
      sendJson(res, 500, { errors: "Internal error" });
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${host}:${port}`;
  return {
    url: origin,
    host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

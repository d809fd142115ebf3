import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, beforeEach, describe, it } from "node:test";
import { type RunningShopifyServer, startShopifyServer } from "./server.js";

const tokens = { admin: "admin-token", storefront: "storefront-token", secret: "webhook-secret" };

interface Received {
  headers: Record<string, string>;
  body: string;
}

describe("local Shopify server: Admin and Storefront GraphQL, checkout, signed webhooks", () => {
  let shop: RunningShopifyServer;
  let receiver: Server;
  let received: Received[] = [];
  let answerStatus = 200;

  before(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        received.push({
          headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
          body: Buffer.concat(chunks).toString("utf8"),
        });
        res.writeHead(answerStatus).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const { port } = receiver.address() as AddressInfo;
    shop = await startShopifyServer({
      shopDomain: "test-shop.myshopify.com",
      adminToken: tokens.admin,
      storefrontToken: tokens.storefront,
      webhookSecret: tokens.secret,
      webhookAddress: `http://127.0.0.1:${port}/hooks`,
      apiVersion: "2025-10",
      webhookRetryDelayMs: 10,
    });
  });
  beforeEach(() => {
    received = [];
    answerStatus = 200;
  });
  after(async () => {
    await shop.close();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  });

  const admin = (query: string, variables: object = {}, token = tokens.admin) =>
    fetch(`${shop.url}/admin/api/2025-10/graphql.json`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": token },
      body: JSON.stringify({ query, variables }),
    });
  const storefront = (query: string, variables: object = {}, token = tokens.storefront) =>
    fetch(`${shop.url}/api/2025-10/graphql.json`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Storefront-Access-Token": token },
      body: JSON.stringify({ query, variables }),
    });
  // biome-ignore lint/suspicious/noExplicitAny: tests read the JSON the server answered.
  const control = async (path: string, body: object = {}): Promise<any> => {
    const response = await fetch(`${shop.url}/_jiga/${path}`, { method: "POST", body: JSON.stringify(body) });
    assert.equal(response.status, 200, await response.clone().text());
    return response.json();
  };
  const cartCreate = `mutation CartCreate($input: CartInput!) {
    cartCreate(input: $input) { cart { id checkoutUrl } userErrors { field message code } } }`;
  const bronze = "gid://shopify/ProductVariant/44000000001";

  it("refuses wrong Admin and Storefront tokens with 401", async () => {
    assert.equal((await admin("{ shop { currencyCode } }", {}, "guessed")).status, 401);
    assert.equal((await storefront(cartCreate, {}, "guessed")).status, 401);
    const unsupported = await (await admin("{ customers(first: 1) { nodes { id } } }")).json();
    assert.match(unsupported.errors[0].message, /answers only/);
  });

  it("lists the DOF variants with price, SKU and jiga metafields, page by page", async () => {
    const query = `query($first: Int!, $after: String) { shop { currencyCode }
      productVariants(first: $first, after: $after) { nodes { id sku } pageInfo { hasNextPage endCursor } } }`;
    const first = (await (await admin(query, { first: 3 })).json()).data;
    assert.equal(first.shop.currencyCode, "USD");
    assert.equal(first.productVariants.nodes.length, 3);
    assert.equal(first.productVariants.pageInfo.hasNextPage, true);
    const bronzeVariant = first.productVariants.nodes[0];
    assert.equal(bronzeVariant.id, bronze);
    assert.equal(bronzeVariant.sku, "DOF-150K-BRONZE");
    assert.equal(bronzeVariant.price, "4.99");
    assert.equal(bronzeVariant.title, "150,000 DOFs – Bronze");
    assert.deepEqual(
      Object.fromEntries(
        bronzeVariant.metafields.nodes.map((m: { key: string; value: string }) => [m.key, m.value]),
      ),
      { dof_amount: "150000", tier: "bronze", bonus_dof: "0" },
    );
    const rest = (
      await (await admin(query, { first: 3, after: first.productVariants.pageInfo.endCursor })).json()
    ).data.productVariants;
    assert.equal(rest.pageInfo.hasNextPage, false);
    assert.deepEqual(
      rest.nodes.map((node: { sku: string; product: { status: string } }) => [node.sku, node.product.status]),
      [
        ["DOF-3M-PLATINUM", "ACTIVE"],
        ["DOF-10M-DIAMOND", "DRAFT"],
      ],
    );
  });

  it("creates a cart whose checkout page pays it: an order and signed orders/create, orders/paid webhooks", async () => {
    const attributes = [
      { key: "jiga_uid", value: "user-1" },
      { key: "jiga_purchase_id", value: "purchase-1" },
    ];
    const created = (
      await (
        await storefront(cartCreate, {
          input: { lines: [{ merchandiseId: bronze, quantity: 1 }], attributes },
        })
      ).json()
    ).data.cartCreate;
    assert.deepEqual(created.userErrors, []);
    assert.match(created.cart.id, /^gid:\/\/shopify\/Cart\//);
    const page = await fetch(created.cart.checkoutUrl);
    assert.match(await page.text(), /150,000 DOFs – Bronze[\s\S]*Pay/);
    const paid = await fetch(`${created.cart.checkoutUrl}/pay`, { method: "POST" });
    assert.match(await paid.text(), /Thank you/);

    assert.deepEqual(
      received.map((hook) => hook.headers["x-shopify-topic"]),
      ["orders/create", "orders/paid"],
    );
    for (const hook of received) {
      const expected = createHmac("sha256", tokens.secret).update(hook.body).digest("base64");
      assert.equal(hook.headers["x-shopify-hmac-sha256"], expected);
      assert.equal(hook.headers["x-shopify-shop-domain"], "test-shop.myshopify.com");
      assert.equal(hook.headers["x-shopify-api-version"], "2025-10");
      assert.ok(hook.headers["x-shopify-webhook-id"] && hook.headers["x-shopify-event-id"]);
      assert.ok(Date.parse(hook.headers["x-shopify-triggered-at"] ?? "") > 0);
    }
    const order = JSON.parse(received[1]?.body ?? "{}");
    assert.equal(order.financial_status, "paid");
    assert.equal(order.admin_graphql_api_id, `gid://shopify/Order/${order.id}`);
    assert.deepEqual(order.note_attributes, [
      { name: "jiga_uid", value: "user-1" },
      { name: "jiga_purchase_id", value: "purchase-1" },
    ]);
    assert.deepEqual(
      order.line_items.map((line: { sku: string; variant_id: number; quantity: number; price: string }) => [
        line.sku,
        line.variant_id,
        line.quantity,
        line.price,
      ]),
      [["DOF-150K-BRONZE", 44000000001, 1, "4.99"]],
    );
    const reread = (
      await (
        await admin("query($id: ID!) { order(id: $id) { id } }", { id: order.admin_graphql_api_id })
      ).json()
    ).data.order;
    assert.equal(reread.displayFinancialStatus, "PAID");
    assert.deepEqual(reread.customAttributes, attributes);
    assert.equal((await fetch(`${created.cart.checkoutUrl}/pay`, { method: "POST" })).status, 422);
  });

  it("refuses carts of unknown or unpublished variants with userErrors", async () => {
    const answer = (
      await (
        await storefront(cartCreate, {
          input: {
            lines: [{ merchandiseId: "gid://shopify/ProductVariant/44000000005" }, { merchandiseId: "nope" }],
          },
        })
      ).json()
    ).data.cartCreate;
    assert.equal(answer.cart, null);
    assert.deepEqual(
      answer.userErrors.map((error: { field: string[] }) => error.field.join(".")),
      ["input.lines.0.merchandiseId", "input.lines.1.merchandiseId"],
    );
  });

  it("cancels and refunds through the control API, with their webhooks", async () => {
    const unpaid = await control("orders", { lines: [{ variantId: bronze }], pay: false });
    assert.equal(unpaid.order.financial_status, "pending");
    const cancelled = await control(`orders/${unpaid.order.id}/cancel`);
    assert.equal(cancelled.order.financial_status, "voided");
    assert.equal(cancelled.deliveries[0].topic, "orders/cancelled");

    const paid = await control("orders", { lines: [{ variantId: 44000000002, quantity: 3 }] });
    const line = paid.order.line_items[0];
    const partial = await control(`orders/${paid.order.id}/refund`, {
      lines: [{ lineItemId: line.id, quantity: 1 }],
    });
    assert.equal(partial.order.financial_status, "partially_refunded");
    assert.equal(partial.refund.refund_line_items[0].quantity, 1);
    const rest = await control(`orders/${paid.order.id}/refund`);
    assert.equal(rest.refund.refund_line_items[0].quantity, 2);
    assert.equal(rest.order.financial_status, "refunded");
    const refundHook = JSON.parse(received.at(-1)?.body ?? "{}");
    assert.equal(received.at(-1)?.headers["x-shopify-topic"], "refunds/create");
    assert.equal(refundHook.order_id, paid.order.id);
  });

  it("retries a webhook the receiver failed, and resends one unchanged on demand", async () => {
    answerStatus = 503;
    const placed = await control("orders", { lines: [{ variantId: bronze }] });
    assert.deepEqual(placed.deliveries[0].statuses, [503, 503, 503]);
    answerStatus = 200;
    const webhookId = placed.deliveries[1].webhookId;
    const before = received.filter((hook) => hook.headers["x-shopify-webhook-id"] === webhookId);
    const resent = await control(`webhooks/${webhookId}/resend`, { copies: 4 });
    assert.deepEqual(resent.statuses, [200, 200, 200, 200]);
    const copies = received.filter((hook) => hook.headers["x-shopify-webhook-id"] === webhookId);
    assert.equal(copies.length, before.length + 4);
    assert.ok(copies.every((copy) => copy.body === copies[0]?.body));
  });
});

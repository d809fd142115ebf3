/**
 * The GraphQL operations the local shop answers. It does not parse GraphQL: it recognises the operations
 * JIGA Store sends by their root field and answers with the documented shape of that field, whatever
 * the selection set asks for (see README.md). Anything else gets a GraphQL error, as an unknown field would.
 */
import { productGid, variantGid } from "./catalogue.js";
import type { Shop } from "./shop.js";

export interface GraphqlRequest {
  query: string;
  variables: Record<string, unknown>;
}

export type GraphqlAnswer = { data: Record<string, unknown> } | { errors: Array<{ message: string }> };

const unsupported = (api: string): GraphqlAnswer => ({
  errors: [{ message: `The local ${api} API answers only the operations JIGA Store uses (see its README)` }],
});

const numericId = (gid: unknown, type: string): number | undefined => {
  const match = typeof gid === "string" ? new RegExp(`^gid://shopify/${type}/(\\d+)$`).exec(gid) : null;
  return match ? Number(match[1]) : undefined;
};

function productVariants(shop: Shop, variables: Record<string, unknown>) {
  const first = typeof variables.first === "number" ? Math.min(Math.max(variables.first, 1), 250) : 50;
  const start = typeof variables.after === "string" ? Number(variables.after) : 0;
  const page = shop.variants.slice(start, start + first);
  const end = start + page.length;
  return {
    nodes: page.map((variant) => ({
      id: variantGid(variant.id),
      title: variant.title,
      sku: variant.sku,
      price: variant.price,
      product: { id: productGid(variant.productId), title: variant.productTitle, status: variant.status },
      metafields: { nodes: variant.metafields },
    })),
    pageInfo: { hasNextPage: end < shop.variants.length, endCursor: page.length ? String(end) : null },
  };
}

const financialStatus = (status: string) => status.toUpperCase();

function order(shop: Shop, variables: Record<string, unknown>) {
  const id = numericId(variables.id, "Order");
  const found = id === undefined ? undefined : shop.order(id);
  if (!found) return null;
  return {
    id: found.admin_graphql_api_id,
    name: found.name,
    displayFinancialStatus: financialStatus(found.financial_status),
    cancelledAt: found.cancelled_at,
    customAttributes: found.note_attributes.map(({ name, value }) => ({ key: name, value })),
    lineItems: {
      nodes: found.line_items.map((line) => ({
        id: line.admin_graphql_api_id,
        sku: line.sku,
        quantity: line.quantity,
        currentQuantity: line.current_quantity,
        variant: { id: variantGid(line.variant_id) },
      })),
    },
  };
}

/** Admin API: the DOF variants with their metafields (paged by `first`/`after`), the shop, one order. */
export function answerAdmin(shop: Shop, request: GraphqlRequest): GraphqlAnswer {
  const data: Record<string, unknown> = {};
  if (/\bshop\s*\{/.test(request.query)) data.shop = { currencyCode: shop.currency };
  if (/\bproductVariants\s*\(/.test(request.query))
    data.productVariants = productVariants(shop, request.variables);
  if (/\border\s*\(/.test(request.query)) data.order = order(shop, request.variables);
  return Object.keys(data).length ? { data } : unsupported("Admin");
}

interface CartInput {
  lines?: Array<{ merchandiseId?: unknown; quantity?: unknown }>;
  attributes?: Array<{ key?: unknown; value?: unknown }>;
}

/** Storefront API: `cartCreate` with lines and attributes, answering the cart's id and checkout URL. */
export function answerStorefront(shop: Shop, request: GraphqlRequest, checkoutOrigin: string): GraphqlAnswer {
  if (!/\bcartCreate\s*\(/.test(request.query)) return unsupported("Storefront");
  const input = (request.variables.input ?? {}) as CartInput;
  const userErrors: Array<{ field: string[]; message: string; code: string }> = [];
  const lines = (input.lines ?? []).map((line, index) => {
    const id = numericId(line.merchandiseId, "ProductVariant");
    const variant = id === undefined ? undefined : shop.variant(id);
    const quantity = line.quantity === undefined ? 1 : line.quantity;
    if (variant?.status !== "ACTIVE")
      userErrors.push({
        field: ["input", "lines", String(index), "merchandiseId"],
        message: `The merchandise with id ${String(line.merchandiseId)} does not exist.`,
        code: "INVALID",
      });
    if (typeof quantity !== "number" || !Number.isInteger(quantity) || quantity < 1)
      userErrors.push({
        field: ["input", "lines", String(index), "quantity"],
        message: "The quantity must be a positive whole number.",
        code: "INVALID",
      });
    return { variantId: id ?? 0, quantity: Number(quantity) };
  });
  const attributes = (input.attributes ?? []).map(({ key, value }) => ({
    key: String(key),
    value: String(value),
  }));
  if (userErrors.length) return { data: { cartCreate: { cart: null, userErrors } } };
  const cart = shop.createCart(lines, attributes);
  return {
    data: {
      cartCreate: {
        cart: {
          id: `gid://shopify/Cart/${cart.token}`,
          checkoutUrl: `${checkoutOrigin}/checkouts/cn/${cart.token}`,
          attributes,
        },
        userErrors: [],
      },
    },
  };
}

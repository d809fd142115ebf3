import { z } from "zod";
import { type ShopifySettings, shopifyFor } from "./shopify-client.js";

/** The Admin API query for the DOF variants: every variant whose SKU starts with DOF-, with its metafields. */
const dofVariantsQuery = `#graphql
query DofVariants($first: Int!, $after: String) {
  shop { currencyCode }
  productVariants(first: $first, after: $after, query: "sku:DOF-*") {
    nodes {
      id
      title
      sku
      price
      product { id title status }
      metafields(first: 10, namespace: "jiga") { nodes { namespace key value } }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

const VariantNode = z.object({
  id: z.string(),
  title: z.string(),
  sku: z.string().nullable(),
  price: z.string(),
  product: z.object({ id: z.string(), title: z.string(), status: z.string() }),
  metafields: z.object({
    nodes: z.array(z.object({ namespace: z.string(), key: z.string(), value: z.string() })),
  }),
});
type VariantNode = z.infer<typeof VariantNode>;

const DofVariantsPage = z.object({
  shop: z.object({ currencyCode: z.string() }),
  productVariants: z.object({
    nodes: z.array(VariantNode),
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
  }),
});

/** A DOF variant as the store needs it; `problem` says why a variant cannot be sold as a package. */
export interface CatalogueEntry {
  sku: string;
  title: string;
  tier: string;
  dofAmount: number;
  bonusDof: number;
  price: string;
  currency: string;
  variantId: string;
  /** The product is published (ACTIVE); drafts and archived products are synced but not listed. */
  onSale: boolean;
}

const wholeDof = (value: string | undefined) =>
  value !== undefined && /^\d{1,12}$/.test(value) ? Number(value) : undefined;

/** Reads `jiga.dof_amount`, `jiga.tier`, `jiga.bonus_dof`; undefined when the variant is not a valid package. */
export function entryOf(node: VariantNode, currency: string): CatalogueEntry | undefined {
  const field = (key: string) =>
    node.metafields.nodes.find((metafield) => metafield.namespace === "jiga" && metafield.key === key)?.value;
  const dofAmount = wholeDof(field("dof_amount"));
  const bonusDof = wholeDof(field("bonus_dof") ?? "0");
  const tier = field("tier");
  if (!node.sku || !dofAmount || bonusDof === undefined || !tier) return undefined;
  return {
    sku: node.sku,
    title: node.title,
    tier,
    dofAmount,
    bonusDof,
    price: node.price,
    currency,
    variantId: node.id,
    onSale: node.product.status === "ACTIVE",
  };
}

/** Every DOF variant of the shop, page by page, through the official SDK's Admin GraphQL client. */
export async function readDofCatalogue(
  settings: ShopifySettings,
): Promise<{ entries: CatalogueEntry[]; skipped: string[] }> {
  const shopify = await shopifyFor(settings);
  const client = new shopify.clients.Graphql({
    session: shopify.session.customAppSession(settings.shopDomain),
  });
  const entries: CatalogueEntry[] = [];
  const skipped: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const response = await client.request(dofVariantsQuery, { variables: { first: 100, after } });
    const data = DofVariantsPage.parse(response.data);
    for (const node of data.productVariants.nodes) {
      const entry = entryOf(node, data.shop.currencyCode);
      if (entry) entries.push(entry);
      else skipped.push(node.sku ?? node.id);
    }
    if (!data.productVariants.pageInfo.hasNextPage) break;
    after = data.productVariants.pageInfo.endCursor;
  }
  return { entries, skipped };
}

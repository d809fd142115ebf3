/** The local shop's products: one product per DOF tier, one variant each, with the `jiga` metafields. */
export interface CatalogueVariant {
  /** Numeric id; the GID is `gid://shopify/ProductVariant/{id}`. */
  id: number;
  productId: number;
  productTitle: string;
  /** ACTIVE, DRAFT or ARCHIVED, as Admin GraphQL's ProductStatus. */
  status: "ACTIVE" | "DRAFT" | "ARCHIVED";
  title: string;
  sku: string;
  /** Decimal string, as Shopify's Money scalar. */
  price: string;
  metafields: Array<{ namespace: string; key: string; type: string; value: string }>;
}

function dofVariant(
  index: number,
  sku: string,
  tier: string,
  dofAmount: number,
  bonusDof: number,
  price: string,
  status: CatalogueVariant["status"] = "ACTIVE",
): CatalogueVariant {
  const label = `${dofAmount.toLocaleString("en-US")} DOFs – ${tier}`;
  return {
    id: 44_000_000_000 + index,
    productId: 8_000_000_000 + index,
    productTitle: label,
    status,
    title: label,
    sku,
    price,
    metafields: [
      { namespace: "jiga", key: "dof_amount", type: "number_integer", value: String(dofAmount) },
      { namespace: "jiga", key: "tier", type: "single_line_text_field", value: tier.toLowerCase() },
      { namespace: "jiga", key: "bonus_dof", type: "number_integer", value: String(bonusDof) },
    ],
  };
}

/** A fresh copy of the seeded catalogue (the server may change its copy). */
export function seedCatalogue(): CatalogueVariant[] {
  return [
    dofVariant(1, "DOF-150K-BRONZE", "Bronze", 150_000, 0, "4.99"),
    dofVariant(2, "DOF-500K-SILVER", "Silver", 500_000, 25_000, "14.99"),
    dofVariant(3, "DOF-1200K-GOLD", "Gold", 1_200_000, 120_000, "29.99"),
    dofVariant(4, "DOF-3M-PLATINUM", "Platinum", 3_000_000, 450_000, "69.99"),
    // A tier that is not on sale: synced, but not listed.
    dofVariant(5, "DOF-10M-DIAMOND", "Diamond", 10_000_000, 2_000_000, "199.99", "DRAFT"),
  ];
}

export const variantGid = (id: number) => `gid://shopify/ProductVariant/${id}`;
export const productGid = (id: number) => `gid://shopify/Product/${id}`;

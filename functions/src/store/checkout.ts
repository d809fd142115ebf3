import { z } from "zod";
import { AppError } from "../common/errors.js";
import { isTransientShopifyError, type ShopifySettings, shopifyFor } from "./shopify-client.js";

const cartCreateMutation = `#graphql
mutation CartCreate($input: CartInput!) {
  cartCreate(input: $input) {
    cart { id checkoutUrl }
    userErrors { field message code }
  }
}`;

const CartCreateAnswer = z.object({
  cartCreate: z.object({
    cart: z.object({ id: z.string(), checkoutUrl: z.string().url() }).nullable(),
    userErrors: z.array(z.object({ message: z.string() })),
  }),
});

/** The cart attributes that tag a checkout with its buyer; the webhook reads them back from the order. */
export const BuyerAttribute = { uid: "jiga_uid", purchaseId: "jiga_purchase_id" } as const;

/**
 * Creates a Storefront cart of one unit of the variant, tagged with the buyer and the purchase, and answers
 * its checkout URL. Shopify down or slow → 503 (the client retries with the same key); Shopify refusing the
 * cart (the variant was unpublished since the last sync) → 409.
 */
export async function createCheckout(
  settings: ShopifySettings,
  input: { variantId: string; uid: string; purchaseId: string },
): Promise<{ cartId: string; checkoutUrl: string }> {
  const shopify = await shopifyFor(settings);
  const client = new shopify.clients.Storefront({
    session: shopify.session.customAppSession(settings.shopDomain),
  });
  let data: unknown;
  try {
    const response = await client.request(cartCreateMutation, {
      variables: {
        input: {
          lines: [{ merchandiseId: input.variantId, quantity: 1 }],
          attributes: [
            { key: BuyerAttribute.uid, value: input.uid },
            { key: BuyerAttribute.purchaseId, value: input.purchaseId },
          ],
        },
      },
    });
    data = response.data;
  } catch (error) {
    if (!isTransientShopifyError(error)) throw error;
    throw new AppError("unavailable", "The shop did not answer; try again with the same idempotency key.");
  }
  const { cartCreate } = CartCreateAnswer.parse(data);
  if (!cartCreate.cart)
    throw new AppError("conflict", "The shop refused this package right now.", {
      reasons: cartCreate.userErrors.map((error) => error.message),
    });
  return { cartId: cartCreate.cart.id, checkoutUrl: cartCreate.cart.checkoutUrl };
}

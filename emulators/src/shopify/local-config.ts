/**
 * The local Shopify shop of `npm start` and `npm test`: fixed, obviously fake credentials, so the functions,
 * the tests and a local front end agree without configuration. The Admin token and the webhook secret are
 * secrets in production; here they are the defaults written to functions/.secret.local.
 */
export const localShopify = {
  /** A *.myshopify.com name, so the official SDK accepts it; requests go to SHOPIFY_HOST instead. */
  shopDomain: "jiga-local.myshopify.com",
  storefrontToken: "jiga-local-storefront-token",
  adminToken: "shpat_jiga_local_admin_token",
  webhookSecret: "jiga-local-webhook-secret",
  apiVersion: "2026-01",
  currency: "USD",
} as const;

/**
 * Where the stack's functions find the local shop. SHOPIFY_SHOP_DOMAIN and SHOPIFY_STOREFRONT_TOKEN are
 * params (also in functions/.env.demo-jiga, same values); SHOPIFY_HOST reaches the functions only from here:
 * it makes their Shopify clients talk plain http to this address (see functions/src/store/shopify-client.ts).
 */
export function shopifyEnvironment(address: { host: string; port: number }): Record<string, string> {
  return {
    SHOPIFY_SHOP_DOMAIN: localShopify.shopDomain,
    SHOPIFY_STOREFRONT_TOKEN: localShopify.storefrontToken,
    SHOPIFY_HOST: `${address.host}:${address.port}`,
  };
}

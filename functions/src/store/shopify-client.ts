import { logger } from "firebase-functions";
import { AppError } from "../common/errors.js";
import {
  shopifyAdminToken,
  shopifyShopDomain,
  shopifyStorefrontToken,
  shopifyWebhookSecret,
} from "../common/params.js";

/** The Admin and Storefront API version every call names. */
export const shopifyApiVersion = "2026-01";

/** What a function may do with Shopify; each needs its own settings, and functions hold only theirs. */
export type ShopifyUse = "admin" | "storefront" | "webhooks";

export interface ShopifySettings {
  shopDomain: string;
  adminToken: string;
  storefrontToken: string;
  webhookSecret: string;
}

const needs: Record<ShopifyUse, Array<keyof ShopifySettings>> = {
  admin: ["shopDomain", "adminToken"],
  storefront: ["shopDomain", "storefrontToken"],
  webhooks: ["shopDomain", "webhookSecret"],
};

/**
 * The settings for these uses, or a 503 naming what is missing (and a log line saying so). Secrets are read
 * only for the uses asked, so a function never touches a secret it does not list.
 */
export function shopifySettings(uses: ShopifyUse[], read = readParam): ShopifySettings {
  const wanted = new Set(uses.flatMap((use) => needs[use]));
  const settings: ShopifySettings = {
    shopDomain: "",
    adminToken: "",
    storefrontToken: "",
    webhookSecret: "",
  };
  for (const key of wanted) settings[key] = read(key).trim();
  const missing = [...wanted].filter((key) => settings[key] === "");
  if (missing.length) {
    logger.warn("Shopify is not configured for this call", { uses, missing });
    throw new AppError("unavailable", "Buying DOF is not available right now: the shop is not configured.", {
      missing,
    });
  }
  return settings;
}

function readParam(key: keyof ShopifySettings): string {
  switch (key) {
    case "shopDomain":
      return shopifyShopDomain.value();
    case "adminToken":
      return shopifyAdminToken.value();
    case "storefrontToken":
      return shopifyStorefrontToken.value();
    case "webhookSecret":
      return shopifyWebhookSecret.value();
  }
}

/**
 * The SDK talks https to `{shop}.myshopify.com`, always (its clients force the scheme). Locally, SHOPIFY_HOST
 * names the local shop's host:port; the SDK's fetch, which every client and call goes through
 * (`setAbstractFetchFunc`), sends the shop's requests there over http instead. Read per request, never at
 * import. In production SHOPIFY_HOST is unset and requests go to Shopify unchanged.
 */
function redirectingFetch(shopDomain: string): typeof fetch {
  return (input, init) => {
    const localHost = process.env.SHOPIFY_HOST;
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!localHost || url.hostname !== shopDomain) return fetch(input, init);
    const local = new URL(`${url.pathname}${url.search}`, `http://${localHost}`);
    return input instanceof Request ? fetch(new Request(local, input), init) : fetch(local, init);
  };
}

async function createShopify(settings: ShopifySettings) {
  // Loaded on first use: the SDK is large, and most requests never need it.
  await import("@shopify/shopify-api/adapters/node");
  const [{ shopifyApi, LogSeverity }, runtime] = await Promise.all([
    import("@shopify/shopify-api"),
    import("@shopify/shopify-api/runtime"),
  ]);
  runtime.setAbstractFetchFunc(redirectingFetch(settings.shopDomain));
  return shopifyApi({
    isCustomStoreApp: true,
    // A function that does not verify webhooks does not hold the secret; the SDK wants a value anyway and
    // uses it for nothing else a custom store app does.
    apiSecretKey: settings.webhookSecret || "not-held-by-this-function",
    adminApiAccessToken: settings.adminToken || "not-held-by-this-function",
    privateAppStorefrontAccessToken: settings.storefrontToken || undefined,
    apiVersion: shopifyApiVersion as never,
    hostName: "jiga.invalid",
    isEmbeddedApp: false,
    logger: {
      level: LogSeverity.Warning,
      log: async (severity, message) => {
        if (severity <= LogSeverity.Warning) logger.warn("Shopify SDK", { message });
      },
    },
  });
}

export type Shopify = Awaited<ReturnType<typeof createShopify>>;

const instances = new Map<string, Promise<Shopify>>();

/** One SDK instance per settings (they only change on redeploy), made on first use. */
export function shopifyFor(settings: ShopifySettings): Promise<Shopify> {
  const key = JSON.stringify(settings);
  let instance = instances.get(key);
  if (!instance) {
    instance = createShopify(settings);
    instance.catch(() => instances.delete(key));
    instances.set(key, instance);
  }
  return instance;
}

/** A GraphQL error or non-2xx answer from Shopify: worth retrying later (5xx, 429, network) or not. */
export function isTransientShopifyError(error: unknown): boolean {
  const status = (error as { response?: { code?: number } }).response?.code;
  return status === undefined || status === 429 || status >= 500;
}

import { defineInt, defineSecret, defineString } from "firebase-functions/params";

/**
 * Every deploy-time setting of the codebase, in one place. Values come from `functions/.env.<project>`
 * (or are asked for at deploy); `.value()` is read inside handlers only.
 */
export const webApiKey = defineString("WEB_API_KEY", {
  description:
    "The Firebase Web API key, used by POST /v1/auth/login and /auth/refresh to call Identity Toolkit " +
    "for REST clients that do not use the Firebase SDK. Public by design; not a secret.",
});

export const rateLimitPerMinute = defineInt("RATE_LIMIT_PER_MINUTE", {
  default: 120,
  description:
    "Requests a caller (account, API key or anonymous IP) may make to one route per minute, unless the " +
    "route sets its own limit. API keys also have a limit of their own across all routes.",
});

// Algolia search (marketplace/algolia). Search is on Algolia when ALGOLIA_APP_ID and ALGOLIA_SEARCH_KEY are
// set, on Firestore otherwise; the listings sync writes only when the admin key is there too. The local
// stacks also set the environment variable ALGOLIA_HOST (not a param: see marketplace/algolia/client.ts).
export const algoliaAppId = defineString("ALGOLIA_APP_ID", {
  default: "",
  description:
    "The Algolia application id. Empty: search runs on Firestore and nothing is synced to Algolia.",
});

export const algoliaIndex = defineString("ALGOLIA_INDEX", {
  default: "listings",
  description:
    "The Algolia index of active listings. Its sort replicas are named after it (e.g. listings_rating_desc).",
});

export const algoliaSearchKey = defineString("ALGOLIA_SEARCH_KEY", {
  default: "",
  description:
    "A search-only Algolia API key (ACL: search). Public by design: it can only read the index, never write.",
});

/** Written only by the sync trigger, which lists it in its `secrets`; never used to search. */
export const algoliaAdminKey = defineSecret("ALGOLIA_ADMIN_KEY", {
  description:
    "An Algolia key allowed to write the listings index and its settings (addObject, deleteObject, editSettings, settings).",
});

export const revenueSplit = defineString("REVENUE_SPLIT_BPS", {
  default: "owner=7000,creator=1000,platform=2000",
  description:
    "How the DOF a session consumed is shared, in basis points summing to 10000: the agent's owner, its " +
    "creator (the owner again unless someone else built it) and the platform. Read at each settlement and " +
    "stored on the settlement record.",
});

// Shopify (store/): DOF packages are Shopify product variants; purchases are Shopify checkouts; orders come
// back as webhooks. Empty shop domain or token: the store lists the packages it has, and purchases answer
// 503. The local stacks also set the environment variable SHOPIFY_HOST (not a param: see
// store/shopify-client.ts), which sends the SDK's requests to the local shop over http.
export const shopifyShopDomain = defineString("SHOPIFY_SHOP_DOMAIN", {
  default: "",
  description: "The shop's *.myshopify.com domain. Empty: Shopify is not configured (no sync, no purchases).",
});

export const shopifyStorefrontToken = defineString("SHOPIFY_STOREFRONT_TOKEN", {
  default: "",
  description:
    "A Storefront API access token (unauthenticated_write_checkouts): creates the carts players pay. " +
    "Storefront tokens are meant to be public.",
});

/** Read by the package sync (api, syncDofPackages) and by the webhook function to re-read orders. */
export const shopifyAdminToken = defineSecret("SHOPIFY_ADMIN_TOKEN", {
  description:
    "The custom app's Admin API access token (read_products, read_orders only): lists the DOF variants and re-reads orders.",
});

/** Read by the webhook function only: it verifies each webhook's HMAC with it. */
export const shopifyWebhookSecret = defineSecret("SHOPIFY_WEBHOOK_SECRET", {
  description: "The custom app's API secret key, which signs Shopify's webhooks (X-Shopify-Hmac-Sha256).",
});

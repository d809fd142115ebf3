import { defineInt, defineString } from "firebase-functions/params";

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

import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { functionsRegion } from "../stack/environment.js";
import { repoRoot } from "../stack/paths.js";
import type { StackProfile } from "../stack/profiles.js";
import { localShopify } from "./local-config.js";
import { type RunningShopifyServer, startShopifyServer } from "./server.js";

export interface LocalShopify {
  server: RunningShopifyServer;
  /** The secrets the functions got; tests sign webhooks of their own with `webhookSecret`. */
  adminToken: string;
  webhookSecret: string;
}

const secretFile = join(repoRoot, "functions", ".secret.local");

/**
 * A secret of the functions, from functions/.secret.local, or written there once with the local default:
 * the Functions emulator asks Google Secret Manager for secrets it does not find there, which fails offline.
 */
function localSecret(name: string, fallback: string, log: (line: string) => void): string {
  const text = existsSync(secretFile) ? readFileSync(secretFile, "utf8") : "";
  const line = text.split(/\r?\n/).find((entry) => entry.startsWith(`${name}=`));
  if (line) return line.slice(name.length + 1).replace(/^"(.*)"$/, "$1");
  const separator = text === "" || text.endsWith("\n") ? "" : "\n";
  appendFileSync(
    secretFile,
    `${separator}# The local Shopify server's (npm start / npm test).\n${name}=${fallback}\n`,
  );
  log(`wrote ${name} for the local Shopify server to functions/.secret.local`);
  return fallback;
}

/** The `shopifyWebhooks` function's URL in the profile's Functions emulator: where the shop posts webhooks. */
export function webhookAddress(profile: StackProfile): string {
  const { host, port } = profile.functions;
  return `http://${host}:${port}/${profile.projectId}/${functionsRegion}/shopifyWebhooks`;
}

/** Starts the local shop on the profile's port, sending its webhooks to the profile's functions. */
export async function startLocalShopify(
  profile: StackProfile,
  log: (line: string) => void,
): Promise<LocalShopify> {
  const adminToken = localSecret("SHOPIFY_ADMIN_TOKEN", localShopify.adminToken, log);
  const webhookSecret = localSecret("SHOPIFY_WEBHOOK_SECRET", localShopify.webhookSecret, log);
  const server = await startShopifyServer({
    host: profile.shopify.host,
    port: profile.shopify.port,
    shopDomain: localShopify.shopDomain,
    adminToken,
    storefrontToken: localShopify.storefrontToken,
    webhookSecret,
    webhookAddress: webhookAddress(profile),
    apiVersion: localShopify.apiVersion,
    currency: localShopify.currency,
    log: (line) => log(`shopify: ${line}`),
  });
  return { server, adminToken, webhookSecret };
}

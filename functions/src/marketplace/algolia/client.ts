import type { Algoliasearch } from "algoliasearch";
import type { LiteClient } from "algoliasearch/lite";
import { algoliaAdminKey, algoliaAppId, algoliaIndex, algoliaSearchKey } from "../../common/params.js";

/**
 * Where Algolia is, read from params inside handlers (never at import). The clients are imported lazily:
 * a cold start of a function that never searches or syncs does not load them.
 */
export interface AlgoliaConnection {
  appId: string;
  indexName: string;
  /** host:port of a local Algolia server reached over http; empty for Algolia's own hosts. */
  host: string;
}

/**
 * ALGOLIA_HOST is a plain environment variable, set only by the local stacks, and not a param: the
 * Functions emulator lets values from functions/.env files override its own environment, and it stops
 * at an interactive prompt for a param missing from them. `npm start` and `npm test` run side by side on
 * different ports, so no .env file can hold this address; firebase-tools' environment can.
 */
function localHost(): string {
  return process.env.ALGOLIA_HOST ?? "";
}

export function algoliaConnection(): AlgoliaConnection {
  return { appId: algoliaAppId.value(), indexName: algoliaIndex.value(), host: localHost() };
}

/** Search runs on Algolia when an application and a search-only key are configured. */
export function algoliaConfigured(): boolean {
  return algoliaAppId.value() !== "" && algoliaSearchKey.value() !== "";
}

/** The sync may write only with the admin key too (a secret, present only in the sync trigger). */
export function algoliaSyncConfigured(): boolean {
  return algoliaAppId.value() !== "" && algoliaAdminKey.value() !== "";
}

function hostOptions(host: string) {
  return host ? { hosts: [{ url: host, protocol: "http" as const, accept: "readWrite" as const }] } : {};
}

const searchClients = new Map<string, LiteClient>();
const adminClients = new Map<string, Algoliasearch>();

/** The lite client with the search-only key: it can only query, which is all search needs. */
export async function searchClient(connection: AlgoliaConnection): Promise<LiteClient> {
  const apiKey = algoliaSearchKey.value();
  const cacheKey = `${connection.appId}|${connection.host}|${apiKey}`;
  const cached = searchClients.get(cacheKey);
  if (cached) return cached;
  const { liteClient } = await import("algoliasearch/lite");
  const client = liteClient(connection.appId, apiKey, hostOptions(connection.host));
  searchClients.set(cacheKey, client);
  return client;
}

/** The full client with the admin key, for the sync trigger only. */
export async function adminClient(connection: AlgoliaConnection): Promise<Algoliasearch> {
  const apiKey = algoliaAdminKey.value();
  const cacheKey = `${connection.appId}|${connection.host}|${apiKey}`;
  const cached = adminClients.get(cacheKey);
  if (cached) return cached;
  const { algoliasearch } = await import("algoliasearch");
  const client = algoliasearch(connection.appId, apiKey, hostOptions(connection.host));
  adminClients.set(cacheKey, client);
  return client;
}

/** The HTTP status of an Algolia client error, when the API answered at all. */
export function algoliaStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

/**
 * Test helpers: a local Algolia server on a free port and official `algoliasearch` clients pointed at it.
 * (algoliasearch is a dependency of functions, hoisted to the root node_modules, so it resolves here;
 * `npm start`'s transpile step skips `testing` folders, so this never ships in lib/.)
 */
import { type Algoliasearch, algoliasearch } from "algoliasearch";
import { type RunningAlgoliaServer, startAlgoliaServer } from "../server.js";

export const appId = "TESTAPP";
export const adminKey = "test-admin-key";
export const searchKey = "test-search-key";

export interface TestAlgolia {
  server: RunningAlgoliaServer;
  admin: Algoliasearch;
  search: Algoliasearch;
  clientWith(appIdToUse: string, apiKey: string): Algoliasearch;
}

export async function startTestAlgolia(): Promise<TestAlgolia> {
  const server = await startAlgoliaServer({
    port: 0,
    appId,
    apiKeys: { [adminKey]: ["admin"], [searchKey]: ["search"] },
  });
  const hosts = [
    { url: `${server.host}:${server.port}`, protocol: "http" as const, accept: "readWrite" as const },
  ];
  const clientWith = (appIdToUse: string, apiKey: string) => algoliasearch(appIdToUse, apiKey, { hosts });
  return { server, admin: clientWith(appId, adminKey), search: clientWith(appId, searchKey), clientWith };
}

/** The status and message of a failed client call. */
export async function failure(call: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await call;
  } catch (error) {
    const { status, message } = error as { status: number; message: string };
    return { status, message };
  }
  throw new Error("expected the call to fail");
}

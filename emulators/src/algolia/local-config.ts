/**
 * The local Algolia application of `npm start` and `npm test`: fixed, obviously fake credentials, so the
 * functions, the tests and a local front end agree without configuration. None of them is a secret.
 */
export const localAlgolia = {
  appId: "JIGALOCAL",
  /** Search-only: may search and read records, as a public key at Algolia. */
  searchKey: "jiga-local-search-key",
  /** Used when functions/.secret.local names no ALGOLIA_ADMIN_KEY of its own. */
  adminKey: "jiga-local-admin-key",
  indexName: "listings",
} as const;

/**
 * Where the stack's functions and tests find the local Algolia server; the admin key comes separately.
 * The functions read the first three from functions/.env.demo-jiga (same values: a param must be in an
 * .env file, or the Functions emulator prompts for it); ALGOLIA_HOST reaches them only from here.
 */
export function algoliaEnvironment(address: { host: string; port: number }): Record<string, string> {
  return {
    ALGOLIA_APP_ID: localAlgolia.appId,
    ALGOLIA_SEARCH_KEY: localAlgolia.searchKey,
    ALGOLIA_INDEX: localAlgolia.indexName,
    ALGOLIA_HOST: `${address.host}:${address.port}`,
  };
}

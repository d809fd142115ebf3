import type { SearchBackend } from "./search-contract.js";

/**
 * The search backend this deployment answers `GET /marketplace/search` with. It is the Firestore backend
 * (firestore-search.ts) here. When ALGOLIA_APP_ID is configured, the Algolia backend of
 * functions/src/marketplace/algolia/ answers instead, with the same contract; the integration of the two
 * backends wires that choice into this function. It is async so that backend's SDK can be loaded lazily,
 * only when chosen, keeping it off the cold start of every other route.
 */
export async function chooseSearchBackend(): Promise<SearchBackend> {
  const { firestoreSearch } = await import("./firestore-search.js");
  return firestoreSearch;
}

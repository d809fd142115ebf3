import { logger } from "firebase-functions";
import { algoliaConfigured } from "./algolia/client.js";
import type { SearchBackend } from "./search-contract.js";

/**
 * The search backend `GET /marketplace/search` answers from: Algolia when ALGOLIA_APP_ID is configured
 * (listings reach it through the syncListingToSearch trigger), otherwise Firestore, with the same contract.
 * Each backend's module loads on first use, so neither SDK weighs on the cold start of other routes.
 */
let saidFirestore = false;

export async function chooseSearchBackend(): Promise<SearchBackend> {
  if (algoliaConfigured()) {
    const { AlgoliaSearchBackend } = await import("./algolia/search-backend.js");
    return new AlgoliaSearchBackend();
  }
  if (!saidFirestore) {
    saidFirestore = true;
    logger.info("Search answers from Firestore: ALGOLIA_APP_ID or ALGOLIA_SEARCH_KEY is not configured.");
  }
  const { firestoreSearch } = await import("./firestore-search.js");
  return firestoreSearch;
}

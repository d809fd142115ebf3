import { logger } from "firebase-functions";
import { onDocumentWritten } from "firebase-functions/v2/firestore";
import { Collections } from "../../common/collections.js";
import { algoliaAdminKey } from "../../common/params.js";
import { algoliaStatus } from "./client.js";
import { syncListing } from "./sync-listing.js";
import { microsFromIso, microsOf } from "./versions.js";

/**
 * Keeps the Algolia index in step with `listings/{listingId}`: an active listing is saved, anything else
 * removed (see syncListing for ordering). The only function holding the admin key. Retried: syncListing
 * is idempotent; Algolia refusing the request (4xx other than 429) cannot get better, so it is logged
 * and dropped instead.
 */
export const syncListingToSearch = onDocumentWritten(
  { document: `${Collections.listings}/{listingId}`, secrets: [algoliaAdminKey], retry: true },
  async (event) => {
    const after = event.data?.after;
    const before = event.data?.before;
    // A delete has no update time of its own; it ends the version it deleted, which is exact, where the
    // event time may not be (the emulator's was seen to precede the deleted version's update time).
    const version = after?.exists ? after.updateTime : before?.updateTime;
    const write = {
      listingId: event.params.listingId,
      after: after?.exists ? after.data() : undefined,
      versionUs: version ? microsOf(version) : microsFromIso(event.time),
    };
    try {
      const outcome = await syncListing(write);
      logger.info("Listing search sync", { listingId: write.listingId, eventId: event.id, outcome });
    } catch (error) {
      const status = algoliaStatus(error);
      if (status === undefined || status === 429 || status >= 500) throw error;
      logger.error("Algolia refused the listing sync", {
        listingId: write.listingId,
        eventId: event.id,
        status,
        error: (error as Error).message,
      });
    }
  },
);

import type { Algoliasearch } from "algoliasearch";
import { logger } from "firebase-functions";
import { Collections } from "../../common/collections.js";
import { db } from "../../common/firebase.js";
import { adminClient, algoliaConnection, algoliaStatus, algoliaSyncConfigured } from "./client.js";
import { ensureIndexSettings } from "./index-settings.js";
import { toSearchRecord } from "./listing-record.js";
import { microsOf } from "./versions.js";

/** One listing write as the sync sees it: the document after the write and the version it is. */
export interface ListingWrite {
  listingId: string;
  /** The document's data after the write; undefined when it was deleted. */
  after: unknown;
  /**
   * The version in microseconds: the document's updateTime after the write, or for a delete the
   * updateTime of the version it deleted (a record of that version or older is removed; newer stays).
   */
  versionUs: number;
}

export type SyncOutcome = "saved" | "removed" | "stale" | "off";

let reportedOff = false;
const settingsApplied = new Map<string, Promise<void>>();

/** Settings as code, applied once per instance and index before the first write. */
function settingsOnce(client: Algoliasearch, indexName: string): Promise<void> {
  let applied = settingsApplied.get(indexName);
  if (!applied) {
    applied = ensureIndexSettings(client, indexName).then((changed) => {
      if (changed.length > 0) logger.info("Algolia index settings applied", { indexes: changed });
    });
    applied.catch(() => settingsApplied.delete(indexName));
    settingsApplied.set(indexName, applied);
  }
  return applied;
}

async function indexedVersion(client: Algoliasearch, indexName: string, objectID: string) {
  try {
    const record = await client.getObject({ indexName, objectID, attributesToRetrieve: ["syncedAtUs"] });
    return typeof record.syncedAtUs === "number" ? record.syncedAtUs : 0;
  } catch (error) {
    if (algoliaStatus(error) === 404) return undefined;
    throw error;
  }
}

/** Whether the listing's current document is still this version (read only when the index has no record). */
async function isCurrentVersion(listingId: string, versionUs: number): Promise<boolean> {
  const snapshot = await db().collection(Collections.listings).doc(listingId).get();
  return snapshot.updateTime !== undefined && microsOf(snapshot.updateTime) === versionUs;
}

/**
 * Moves the listing's search record toward the written state, never back. Writes are versioned by commit
 * time (`syncedAtUs`, microseconds as Firestore's commit times: two writes in one millisecond stay
 * ordered): a save is a partial update guarded by `IncrementSet`, which Algolia applies only when the
 * version is newer than the indexed one, so redeliveries and late events change nothing. The index is
 * read first to skip work and to handle what the guard cannot see:
 * - a delete leaves no record to compare with, so a late save of an older version finding no record
 *   checks that the document is still at its version before creating one;
 * - a late delete of an older version leaves a newer record alone.
 * Residual races, left because closing them needs tombstones (deleted listings kept in the index and
 * filtered out of every query): a newer save landing between our read and our delete is removed; and a
 * first save checked against Firestore can land after a deactivation whose sync found nothing to delete.
 * Either lasts until the listing's next write.
 */
export async function syncListing(write: ListingWrite): Promise<SyncOutcome> {
  if (!algoliaSyncConfigured()) {
    if (!reportedOff) logger.info("Algolia is not configured: listings are not synced to search.");
    reportedOff = true;
    return "off";
  }
  const connection = algoliaConnection();
  const { indexName } = connection;
  const client = await adminClient(connection);
  await settingsOnce(client, indexName);

  const wanted = toSearchRecord(write.listingId, write.after);
  const indexed = await indexedVersion(client, indexName, write.listingId);
  if (!wanted.searchable) {
    if (wanted.reason === "malformed") {
      logger.error("Listing is not valid for search; removing it from the index", {
        listingId: write.listingId,
        issues: wanted.issues,
      });
    }
    if (indexed !== undefined && indexed > write.versionUs) return "stale";
    if (indexed !== undefined) await client.deleteObject({ indexName, objectID: write.listingId });
    return "removed";
  }
  if (indexed !== undefined && indexed >= write.versionUs) return "stale";
  if (indexed === undefined && !(await isCurrentVersion(write.listingId, write.versionUs))) return "stale";
  await client.partialUpdateObject({
    indexName,
    objectID: write.listingId,
    attributesToUpdate: {
      ...wanted.record,
      syncedAtUs: { _operation: "IncrementSet", value: write.versionUs },
    },
    createIfNotExists: true,
  });
  return "saved";
}

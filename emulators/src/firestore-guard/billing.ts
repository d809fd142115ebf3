// Billing rules for document operations, from "Understand Cloud Firestore billing"
// (https://firebase.google.com/docs/firestore/pricing). Pure functions; the call interceptors feed
// them what the emulator returned.

export const PRICING_URL = "https://firebase.google.com/docs/firestore/pricing";

/**
 * A query: one read per document returned, and "a minimum charge of one document read for each query
 * that you perform, even if the query returns no results" (#minimum-charge). Documents skipped with
 * an offset are read and billed too (https://cloud.google.com/firestore/docs/billing-questions,
 * "query offsets").
 */
export function queryReads(documentsReturned: number, documentsSkipped: number): number {
  return Math.max(1, documentsReturned + documentsSkipped);
}

/**
 * count(), sum(), avg(): "you are charged one document read for each batch of up to 1000 index
 * entries matched by the query", with the same one-read minimum (#aggregation_queries).
 */
export function aggregationReads(indexEntriesMatched: number): number {
  return Math.max(1, Math.ceil(indexEntriesMatched / 1000));
}

/**
 * get / getAll (BatchGetDocuments): one read per document requested. The pricing page does not spell
 * out a lookup of a document that does not exist; the guard bills it as one read, like a query that
 * finds nothing (#minimum-charge), so cost budgets err on the safe side.
 */
export function documentLookupReads(found: number, missing: number): number {
  return found + missing;
}

/** Listing collection IDs: "billed as one document read" (#minimum-charge, "for queries other than document reads"). */
export const LIST_COLLECTION_IDS_READS = 1;

/**
 * Realtime listeners (#listening_to_query_results): "charged for a read each time a document in the
 * result set is added or updated", and "when a document is removed from the result set because the
 * document has changed"; "when a document is deleted, you are not charged for a read". The initial
 * snapshot is a query, so an empty one still costs the one-read minimum.
 */
export const listenReads = {
  documentChange: 1,
  documentRemove: 1,
  documentDelete: 0,
  emptyInitialSnapshot: 1,
} as const;

export type WriteKind = "write" | "delete";

/**
 * Writes: "each set or update operation counts as a single write"; a delete is a document delete.
 * A field transform (serverTimestamp, increment, arrayUnion…) riding on a write is part of that
 * write; a standalone transform write is itself one write. Nothing is billed for a commit that fails
 * (precondition, contention abort): no document changed.
 */
export function writeKindOf(write: {
  update?: unknown;
  delete?: unknown;
  transform?: unknown;
}): WriteKind | undefined {
  if (write.delete) return "delete";
  if (write.update || write.transform) return "write";
  return undefined;
}

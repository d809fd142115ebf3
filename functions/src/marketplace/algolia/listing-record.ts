import type { z } from "zod";
import { Listing } from "../schemas.js";
import type { ListingSearchRecord } from "../search-contract.js";
import { searchRecordOf } from "../search-record.js";

export type SearchRecordOutcome =
  | { searchable: true; record: ListingSearchRecord }
  | { searchable: false; reason: "deleted" | "inactive" | "malformed"; issues?: z.core.$ZodIssue[] };

/** What a listing document means for search: a record while it is active, nothing otherwise. */
export function toSearchRecord(listingId: string, data: unknown): SearchRecordOutcome {
  if (data === undefined || data === null) return { searchable: false, reason: "deleted" };
  const status = (data as { status?: unknown }).status;
  if (status !== "active") return { searchable: false, reason: "inactive" };
  const parsed = Listing.safeParse(data);
  if (!parsed.success) return { searchable: false, reason: "malformed", issues: parsed.error.issues };
  return { searchable: true, record: { ...searchRecordOf(parsed.data), objectID: listingId } };
}

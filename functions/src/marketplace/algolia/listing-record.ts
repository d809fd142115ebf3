import { Timestamp } from "firebase-admin/firestore";
import { z } from "zod";
import { AgentType, Rank } from "../../agents/schemas.js";
import type { ListingSearchRecord } from "../search-contract.js";

/**
 * The listing fields search needs, read narrowly from `listings/{listingId}` so this module does not
 * depend on the whole listing schema. INTEGRATION: once marketplace/search-record.ts exports
 * `searchRecordOf(listing)`, the sync should use it (one definition of the record) and this file goes.
 */
const ListingForSearch = z.object({
  agentId: z.string(),
  ownerUid: z.string(),
  title: z.string(),
  description: z.string(),
  imageUrl: z.string().nullable(),
  tags: z.array(z.string()),
  categories: z.array(z.string()),
  type: AgentType,
  rank: Rank,
  games: z.array(z.string()),
  languages: z.array(z.string()),
  nationality: z.string(),
  hasVoiceChat: z.boolean(),
  hourlyDof: z.number().int(),
  dailyDof: z.number().int(),
  weeklyDof: z.number().int(),
  stats: z.object({
    rating: z.number(),
    ratingCount: z.number().int(),
    recentHires: z.number().int(),
  }),
  publishedAt: z.instanceof(Timestamp),
  status: z.string(),
});

export type SearchRecordOutcome =
  | { searchable: true; record: ListingSearchRecord }
  | { searchable: false; reason: "deleted" | "inactive" | "malformed"; issues?: z.core.$ZodIssue[] };

/** What a listing document means for search: a record while it is active, nothing otherwise. */
export function toSearchRecord(listingId: string, data: unknown): SearchRecordOutcome {
  if (data === undefined || data === null) return { searchable: false, reason: "deleted" };
  const status = (data as { status?: unknown }).status;
  if (status !== "active") return { searchable: false, reason: "inactive" };
  const parsed = ListingForSearch.safeParse(data);
  if (!parsed.success) return { searchable: false, reason: "malformed", issues: parsed.error.issues };
  const { stats, publishedAt, status: _status, ...fields } = parsed.data;
  return {
    searchable: true,
    record: {
      objectID: listingId,
      ...fields,
      rating: stats.rating,
      ratingCount: stats.ratingCount,
      recentHires: stats.recentHires,
      publishedAtMs: publishedAt.toMillis(),
    },
  };
}

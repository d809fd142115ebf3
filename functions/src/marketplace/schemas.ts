import { Timestamp } from "firebase-admin/firestore";
import { z } from "zod";
import { AgentPricing, AgentType, Rank } from "../agents/schemas.js";
import { Category } from "./categories.js";
import { maxKeywordTokens } from "./keywords.js";

/** Mirrors `Agent.listingStatus`; only `active` listings are browsable and searchable. */
export const ListingStatus = z.enum(["active", "paused", "under_review", "suspended", "unpublished"]);
export type ListingStatus = z.infer<typeof ListingStatus>;

export const ModerationAction = z.enum([
  "publish",
  "unpublish",
  "approve",
  "reject",
  "suspend",
  "feature",
  "unfeature",
]);
export type ModerationAction = z.infer<typeof ModerationAction>;

/** One step in a listing's life, kept for the owner and for audits. */
export const ModerationEntry = z.object({
  action: ModerationAction,
  actor: z.enum(["owner", "admin"]),
  byUid: z.string().min(1),
  at: z.instanceof(Timestamp),
  fromStatus: ListingStatus.nullable(),
  toStatus: ListingStatus,
  reason: z.string().nullable(),
});
export type ModerationEntry = z.infer<typeof ModerationEntry>;

/** The newest entries kept on the listing; older ones fall off so the document stays small. */
export const maxModerationEntries = 50;

/** Written by the DOF economy (reviews, hires) together with `featuredScore` (see listing-stats.ts). */
export const ListingStats = z.object({
  rating: z.number().min(0).max(5),
  ratingCount: z.number().int().nonnegative(),
  /** Hires in the last 30 days. */
  recentHires: z.number().int().nonnegative(),
  totalHires: z.number().int().nonnegative(),
});
export type ListingStats = z.infer<typeof ListingStats>;

/**
 * `listings/{listingId}`, with listingId = agentId: one listing per agent. Pricing and the searchable agent
 * fields are copies taken at each publication, so browsing and search read listings only.
 */
export const Listing = z.object({
  listingId: z.string().min(1),
  agentId: z.string().min(1),
  ownerUid: z.string().min(1),
  title: z.string(),
  description: z.string(),
  tags: z.array(z.string()).max(10),
  categories: z.array(Category).min(1),
  pricing: AgentPricing,
  type: AgentType,
  rank: Rank,
  games: z.array(z.string()),
  languages: z.array(z.string()),
  nationality: z.string(),
  hasVoiceChat: z.boolean(),
  imageUrl: z.string().nullable(),
  status: ListingStatus,
  /** Why an admin rejected or suspended it; null otherwise. The owner sees it. */
  statusReason: z.string().nullable(),
  /** Set by the first approval and never cleared: the owner's later publications skip review. */
  everApproved: z.boolean(),
  moderation: z.array(ModerationEntry).max(maxModerationEntries),
  stats: ListingStats,
  /** featuredScore(stats), stored so the featured list is one indexed query. */
  featuredScore: z.number(),
  /** When an admin pinned it to the top of the featured list; null when not pinned. */
  pinnedAt: z.instanceof(Timestamp).nullable(),
  /** Search tokens from keywordTokensOf(). */
  keywords: z.array(z.string()).max(maxKeywordTokens),
  /** The owner's last publish request: the moderation queue is served oldest first. */
  submittedAt: z.instanceof(Timestamp),
  /** When it last went live; the "newest" order. Null until first active. */
  publishedAt: z.instanceof(Timestamp).nullable(),
  updatedAt: z.instanceof(Timestamp),
});
export type Listing = z.infer<typeof Listing>;

/**
 * The fields of a listing that everyone may see and search works on, named once: the public view, the
 * search record and the Algolia index all take these from `Listing`.
 */
export const publicListingFields = {
  agentId: true,
  ownerUid: true,
  title: true,
  description: true,
  imageUrl: true,
  tags: true,
  categories: true,
  type: true,
  rank: true,
  games: true,
  languages: true,
  nationality: true,
  hasVoiceChat: true,
} as const;

const Tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(30)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} -]*$/u, "Use letters, digits, spaces and hyphens.");

/** What the owner writes; everything else is copied from the agent or kept by the server. */
export const PublishBody = z.strictObject({
  title: z.string().trim().min(3).max(80),
  description: z.string().trim().min(10).max(2000),
  tags: z
    .array(Tag)
    .max(10)
    .default([])
    .transform((tags) => [...new Set(tags)]),
  categories: z
    .array(Category)
    .min(1)
    .max(3)
    .refine((list) => new Set(list).size === list.length, "Each category may appear once."),
});
export type PublishBody = z.infer<typeof PublishBody>;

export const AgentIdParams = z.strictObject({ agentId: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/) });
export const ListingIdParams = z.strictObject({ listingId: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/) });
export const ReasonBody = z.strictObject({ reason: z.string().trim().min(3).max(500) });

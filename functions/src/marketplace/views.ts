import { z } from "zod";
import { AgentPricing, AgentType, Rank } from "../agents/schemas.js";
import { Category } from "./categories.js";
import { type Listing, ListingStats, ListingStatus, ModerationAction } from "./schemas.js";

/** A listing as anyone may see it: no keywords, no moderation trail. */
export const ListingView = z.object({
  listingId: z.string(),
  agentId: z.string(),
  ownerUid: z.string(),
  title: z.string(),
  description: z.string(),
  imageUrl: z.string().nullable(),
  tags: z.array(z.string()),
  categories: z.array(Category),
  type: AgentType,
  rank: Rank,
  games: z.array(z.string()),
  languages: z.array(z.string()),
  nationality: z.string(),
  hasVoiceChat: z.boolean(),
  pricing: AgentPricing,
  stats: ListingStats,
  featured: z.boolean(),
  status: ListingStatus,
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type ListingView = z.infer<typeof ListingView>;

/** The moderation side, for the owner and admins only. Admin uids stay in Firestore, for audits. */
export const ModerationView = z.object({
  reason: z.string().nullable(),
  history: z.array(
    z.object({
      action: ModerationAction,
      actor: z.enum(["owner", "admin"]),
      at: z.string(),
      fromStatus: ListingStatus.nullable(),
      toStatus: ListingStatus,
      reason: z.string().nullable(),
    }),
  ),
});

export const ManagedListingView = ListingView.extend({ moderation: ModerationView });
export type ManagedListingView = z.infer<typeof ManagedListingView>;

export function viewOf(listing: Listing): ListingView {
  return {
    listingId: listing.listingId,
    agentId: listing.agentId,
    ownerUid: listing.ownerUid,
    title: listing.title,
    description: listing.description,
    imageUrl: listing.imageUrl,
    tags: listing.tags,
    categories: listing.categories,
    type: listing.type,
    rank: listing.rank,
    games: listing.games,
    languages: listing.languages,
    nationality: listing.nationality,
    hasVoiceChat: listing.hasVoiceChat,
    pricing: listing.pricing,
    stats: listing.stats,
    featured: listing.pinnedAt !== null,
    status: listing.status,
    publishedAt: listing.publishedAt?.toDate().toISOString() ?? null,
    updatedAt: listing.updatedAt.toDate().toISOString(),
  };
}

export function managedViewOf(listing: Listing): ManagedListingView {
  return {
    ...viewOf(listing),
    moderation: {
      reason: listing.statusReason,
      history: listing.moderation.map(({ byUid: _byUid, at, ...entry }) => ({
        ...entry,
        at: at.toDate().toISOString(),
      })),
    },
  };
}

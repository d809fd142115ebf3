import { z } from "zod";
import { pick } from "../common/pick.js";
import { Listing, ListingStatus, ModerationAction, publicListingFields } from "./schemas.js";

/** The listing's own fields a view shows as they are stored. */
const viewFields = {
  ...publicListingFields,
  listingId: true,
  pricing: true,
  stats: true,
  status: true,
} as const;

/** A listing as anyone may see it: no keywords, no moderation trail. */
export const ListingView = Listing.pick(viewFields).extend({
  featured: z.boolean(),
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
    ...pick(listing, viewFields),
    featured: listing.pinnedAt !== null,
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

import { z } from "zod";
import type { Caller } from "../http/caller.js";
import { listingForCaller } from "../marketplace/browse.js";
import { ListingView, ModerationView } from "../marketplace/views.js";
import { featuredReviews } from "../reviews/read-reviews.js";
import { ReviewView } from "../reviews/views.js";

/** A listing's page: the listing (marketplace) with the reviews it features (reviews). */
export const ListingPageView = ListingView.extend({
  featuredReviews: z.array(ReviewView),
  moderation: ModerationView.optional(),
});
export type ListingPageView = z.infer<typeof ListingPageView>;

/** The page of one listing; the featured reviews (one document) are read alongside the listing. */
export async function listingPage(listingId: string, caller: Caller | undefined): Promise<ListingPageView> {
  const [listing, featured] = await Promise.all([
    listingForCaller(listingId, caller),
    featuredReviews(listingId),
  ]);
  return { ...listing, featuredReviews: featured };
}

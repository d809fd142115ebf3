import { z } from "zod";
import { AppError } from "../common/errors.js";
import type { Caller } from "../http/caller.js";
import { type OrderField, type Page, PageQuery, paginate } from "../http/pagination.js";
import { listingVisibleTo, readListing } from "../marketplace/listings.js";
import { reviewRef, reviews, summaryRef } from "./repo.js";
import type { Review } from "./schemas.js";
import { type ReviewView, reviewView } from "./views.js";

export const ReviewSort = z.enum(["newest", "helpful", "rating"]);
export const ReviewsQuery = PageQuery.extend({ sort: ReviewSort.default("newest") });
export type ReviewsQuery = z.infer<typeof ReviewsQuery>;

/**
 * The orders of a listing's reviews, each with its composite index. "helpful" is the order featured
 * reviews are chosen in (refresh-listing.ts), so the two share one index.
 */
export const reviewOrders: Record<z.infer<typeof ReviewSort>, OrderField[]> = {
  newest: [{ field: "createdAt", direction: "desc" }],
  helpful: [
    { field: "helpfulness", direction: "desc" },
    { field: "rating", direction: "desc" },
    { field: "createdAt", direction: "desc" },
  ],
  rating: [
    { field: "rating", direction: "desc" },
    { field: "createdAt", direction: "desc" },
  ],
};

/** `GET /marketplace/:listingId/reviews`: a page of the listing's reviews in one of three orders. */
export async function listingReviews(
  listingId: string,
  query: ReviewsQuery,
  caller: Caller | undefined,
): Promise<Page<ReviewView>> {
  // The listing's reviews are public where the listing is: active, or to its owner and admins.
  if (!listingVisibleTo(await readListing(listingId), caller))
    throw new AppError("notFound", "No such listing.");
  const page = await paginate(reviews().where("listingId", "==", listingId), reviewOrders[query.sort], query);
  return { items: page.items.map(reviewView), nextCursor: page.nextCursor };
}

/**
 * One review, where its listing is visible, and always to its own reviewer. A review that is not visible
 * answers 404, the same as one that does not exist.
 */
export async function visibleReview(reviewId: string, caller: Caller | undefined): Promise<Review> {
  const review = (await reviewRef(reviewId).get()).data();
  if (review && caller?.uid === review.reviewerUid) return review;
  if (review && listingVisibleTo(await readListing(review.listingId), caller)) return review;
  throw new AppError("notFound", "No such review.");
}

/** The reviews a listing's page features, as the reviews trigger last chose them; none before any review. */
export async function featuredReviews(listingId: string): Promise<ReviewView[]> {
  return (await summaryRef(listingId).get()).data()?.featured ?? [];
}

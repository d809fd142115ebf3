import { pick } from "../common/pick.js";
import { type Listing, publicListingFields } from "./schemas.js";
import type { ListingSearchRecord } from "./search-contract.js";

/**
 * A listing as both search backends see it (Algolia's record, objectID = listing id). Pure, so the Algolia
 * sync and the Firestore backend agree field for field. `publishedAtMs` falls back to the last submission
 * for a listing that never went live (search only ever holds active ones, which always have gone live).
 */
export function searchRecordOf(listing: Listing): ListingSearchRecord {
  return {
    objectID: listing.listingId,
    ...pick(listing, publicListingFields),
    hourlyDof: listing.pricing.hourlyDof,
    dailyDof: listing.pricing.dailyDof,
    weeklyDof: listing.pricing.weeklyDof,
    rating: listing.stats.rating,
    ratingCount: listing.stats.ratingCount,
    recentHires: listing.stats.recentHires,
    publishedAtMs: (listing.publishedAt ?? listing.submittedAt).toMillis(),
  };
}

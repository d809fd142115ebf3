import type { Listing } from "./schemas.js";
import type { ListingSearchRecord } from "./search-contract.js";

/**
 * A listing as both search backends see it (Algolia's record, objectID = listing id). Pure, so the Algolia
 * sync and the Firestore backend agree field for field. `publishedAtMs` falls back to the last submission
 * for a listing that never went live (search only ever holds active ones, which always have gone live).
 */
export function searchRecordOf(listing: Listing): ListingSearchRecord {
  return {
    objectID: listing.listingId,
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
    hourlyDof: listing.pricing.hourlyDof,
    dailyDof: listing.pricing.dailyDof,
    weeklyDof: listing.pricing.weeklyDof,
    rating: listing.stats.rating,
    ratingCount: listing.stats.ratingCount,
    recentHires: listing.stats.recentHires,
    publishedAtMs: (listing.publishedAt ?? listing.submittedAt).toMillis(),
  };
}

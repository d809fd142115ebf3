import { featuredScore } from "./featured-score.js";
import type { ListingStats } from "./schemas.js";

/**
 * The fields to write on a listing when its statistics change (a review, a hire, the daily recount of
 * recent hires): the stats with the featured score derived from them, in one update so the featured order
 * never disagrees with the stats it shows.
 */
export function statsFields(stats: ListingStats): { stats: ListingStats; featuredScore: number } {
  return { stats, featuredScore: featuredScore(stats) };
}

export const noStats: ListingStats = { rating: 0, ratingCount: 0, recentHires: 0, totalHires: 0 };

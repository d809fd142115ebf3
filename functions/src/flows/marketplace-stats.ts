import { z } from "zod";
import { countAgentsOf } from "../agents/service.js";
import { listingTotalsOf } from "../marketplace/listings.js";

/** What an account has built on the marketplace; its DOF earnings are added only in the owner's view. */
export const MarketplaceStats = z.object({
  agentsOwned: z.number().int().nonnegative(),
  activeListings: z.number().int().nonnegative(),
  totalHires: z.number().int().nonnegative(),
  /** Mean of the 0–5 ratings of the listings that have at least one review; null when none has. */
  averageRating: z.number().min(0).max(5).nullable(),
});
export type MarketplaceStats = z.infer<typeof MarketplaceStats>;

/** What an account has built, from the owners of each part: its agents and its listings. */
export async function marketplaceStats(uid: string): Promise<MarketplaceStats> {
  const [agentsOwned, listings] = await Promise.all([countAgentsOf(uid), listingTotalsOf(uid)]);
  return MarketplaceStats.parse({ agentsOwned, ...listings });
}

/**
 * The one place that names every Firestore collection. Capabilities build their typed references from these
 * names; nothing else spells a collection path.
 */
export const Collections = {
  users: "users",
  processedEvents: "processedEvents",
  platformStats: "platformStats",
  dailyStats: "dailyStats",
  apiKeys: "apiKeys",
  rateLimits: "rateLimits",
  agents: "agents",
  /** Subcollection `agents/{agentId}/versions/{version}`: every published configuration, kept readable. */
  agentVersions: "versions",
  listings: "listings",
  /** Hires and owned sessions; the DOF economy owns them, agents only ask whether any is active. */
  sessions: "sessions",
  earnedBadges: "earnedBadges",
  /** The DOF ledger: every movement, immutable once posted (see ledger/). */
  transactions: "transactions",
  /** `ledgerAccounts/{accountId}/balances/{shard}`: account balances, sharded for hot accounts. */
  ledgerAccounts: "ledgerAccounts",
  balances: "balances",
  /** `reviews/{reviewId}`: one per reviewed hire, the id derived from the session's (see reviews/). */
  reviews: "reviews",
  /** Subcollection `reviews/{reviewId}/votes/{uid}`: one helpful / not helpful vote per user. */
  reviewVotes: "votes",
  /** `reviewSummaries/{listingId}`: the featured reviews a listing's page shows, kept by the reviews trigger. */
  reviewSummaries: "reviewSummaries",
} as const;

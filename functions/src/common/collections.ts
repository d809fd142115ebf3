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
  /** Subcollection `sessions/{sessionId}/usage/{eventId}`: usage reports applied, to recognise repeats. */
  sessionUsage: "usage",
  /** `settlements/{sessionId}`: how an ended session's escrow is paid out; its creation runs the split. */
  settlements: "settlements",
  earnedBadges: "earnedBadges",
  /** The DOF ledger: every movement, immutable once posted (see ledger/). */
  transactions: "transactions",
  /** `ledgerAccounts/{accountId}/balances/{shard}`: account balances, sharded for hot accounts. */
  ledgerAccounts: "ledgerAccounts",
  balances: "balances",
  /** DOF packages on sale, mirrored from the Shopify variants (see store/). */
  dofPackages: "dofPackages",
  /** One per checkout started for a DOF package, and its fate (paid, cancelled, refunded). */
  purchases: "purchases",
  /** `webhookEvents/{provider}_{id}`: every webhook received, so a redelivery is recognised. */
  webhookEvents: "webhookEvents",
  /** `accountFlags/{uid}`: accounts an admin should look at, e.g. DOF refunded after being spent. */
  accountFlags: "accountFlags",
  /** `reviews/{reviewId}`: one per reviewed hire, the id derived from the session's (see reviews/). */
  reviews: "reviews",
  /** Subcollection `reviews/{reviewId}/votes/{uid}`: one helpful / not helpful vote per user. */
  reviewVotes: "votes",
  /** `reviewSummaries/{listingId}`: the featured reviews a listing's page shows, kept by the reviews trigger. */
  reviewSummaries: "reviewSummaries",
} as const;

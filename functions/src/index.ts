// Every deployed function, and nothing else: each lives with its capability.
export { onProfileCreated, rollUpDailyStats } from "./analytics/triggers.js";
export { api } from "./api.js";
export { awardAgentBadges } from "./badges/triggers.js";
export { syncListingToSearch } from "./marketplace/algolia/triggers.js";
export { onPresenceWritten } from "./presence/triggers.js";
export { onReviewWritten } from "./reviews/triggers.js";
export { publishSessionChanges } from "./sessions/triggers.js";
export { settleSessions, splitRevenue } from "./settlement/triggers.js";
export { shopifyWebhooks, syncDofPackagesHourly } from "./store/triggers.js";
export { onAccountCreated } from "./users/triggers.js";

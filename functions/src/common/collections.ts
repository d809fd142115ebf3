/**
 * The one place that names every Firestore collection. Capabilities build their typed references from these
 * names; nothing else spells a collection path.
 */
export const Collections = {
  users: "users",
  processedEvents: "processedEvents",
  platformStats: "platformStats",
  dailyStats: "dailyStats",
} as const;

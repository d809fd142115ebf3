import { databaseValue } from "./stack.js";

export interface FeedEntry {
  key: string;
  type: string;
  data: Record<string, unknown>;
}

/**
 * The events in a user's realtime feed (`events/{uid}`), oldest first, optionally only those whose type starts
 * with `typePrefix` (each capability's tests look at their own events). Read over REST with the owner token,
 * so no database connection keeps the test process alive.
 */
export async function feedOf(uid: string, typePrefix = ""): Promise<FeedEntry[]> {
  const value = ((await databaseValue(`events/${uid}`)) ?? {}) as Record<string, Omit<FeedEntry, "key">>;
  return Object.entries(value)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, event]) => ({ key, type: event.type, data: event.data }))
    .filter((event) => event.type.startsWith(typePrefix));
}

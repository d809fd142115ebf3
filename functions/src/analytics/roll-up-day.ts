import { Timestamp } from "firebase-admin/firestore";
import { profiles } from "../users/repo.js";
import { dailyStatsRef, platformTotalsRef } from "./repo.js";
import { reportingDayFor } from "./reporting-day.js";
import type { DailyStats } from "./schemas.js";

/**
 * Writes the statistics of the UTC day before `scheduledFor`. Running it twice for the same schedule time
 * rewrites the same document with the same numbers, so a retried run is harmless.
 */
export async function rollUpDay(scheduledFor: Date): Promise<DailyStats> {
  const { day, start, end } = reportingDayFor(scheduledFor);
  const signupsQuery = profiles()
    .where("createdAt", ">=", Timestamp.fromDate(start))
    .where("createdAt", "<", Timestamp.fromDate(end));
  const [signups, totals] = await Promise.all([signupsQuery.count().get(), platformTotalsRef().get()]);
  const stats: DailyStats = {
    day,
    signups: signups.data().count,
    totalUsers: totals.data()?.totalUsers ?? 0,
    computedAt: Timestamp.now(),
  };
  await dailyStatsRef(day).set(stats);
  return stats;
}

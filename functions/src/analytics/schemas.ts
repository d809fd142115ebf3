import { Timestamp } from "firebase-admin/firestore";
import { z } from "zod";

/** Running totals of the platform, kept by triggers. */
export const PlatformTotals = z.object({
  totalUsers: z.number().int().nonnegative(),
});
export type PlatformTotals = z.infer<typeof PlatformTotals>;

/** One UTC day of activity, written once a day by the scheduled roll-up. */
export const DailyStats = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  signups: z.number().int().nonnegative(),
  totalUsers: z.number().int().nonnegative(),
  computedAt: z.instanceof(Timestamp),
});
export type DailyStats = z.infer<typeof DailyStats>;

import type { PricedFeature, SessionUsage } from "./schemas.js";

/**
 * What a priced feature adds to the base rate while it is on, in basis points of the hourly price:
 * voice chat costs half as much again, high-speed vision doubles the rate.
 */
export const featureSurchargeBps: Record<PricedFeature, number> = {
  voice_chat: 5_000,
  high_speed_vision: 10_000,
  commentator: 2_500,
};

const minutesPerHour = 60;
const fullBps = 10_000;

/**
 * The DOF a session has used: active minutes at the hourly price, plus each feature's minutes at its
 * surcharge, rounded down once over the whole session (never per report, so many small reports cost the
 * same as one big one), and never more than the escrow.
 */
export function consumedDof(usage: SessionUsage, hourlyDof: number, escrowDof: number): number {
  let weightedMinutes = usage.activeMinutes * fullBps;
  for (const [feature, minutes] of Object.entries(usage.featureMinutes) as Array<[PricedFeature, number]>)
    weightedMinutes += minutes * featureSurchargeBps[feature];
  const owed = Math.floor((weightedMinutes * hourlyDof) / (minutesPerHour * fullBps));
  return Math.min(owed, escrowDof);
}

export interface UsageReport {
  activeMinutes: number;
  featureMinutes: Partial<Record<PricedFeature, number>>;
}

/** The session's usage with one more report added. */
export function addUsage(usage: SessionUsage, report: UsageReport): SessionUsage {
  const featureMinutes = { ...usage.featureMinutes };
  for (const [feature, minutes] of Object.entries(report.featureMinutes) as Array<[PricedFeature, number]>)
    featureMinutes[feature] = (featureMinutes[feature] ?? 0) + minutes;
  return {
    activeMinutes: usage.activeMinutes + report.activeMinutes,
    featureMinutes,
    reports: usage.reports + 1,
  };
}

export const noUsage: SessionUsage = { activeMinutes: 0, featureMinutes: {}, reports: 0 };

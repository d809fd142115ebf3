import type { AgentPricing } from "../agents/schemas.js";
import type { HireDuration } from "./schemas.js";

const hourMs = 3_600_000;

export const periodMs: Record<HireDuration, number> = {
  hourly: hourMs,
  daily: 24 * hourMs,
  weekly: 7 * 24 * hourMs,
};

/** The most periods one hire may buy: three days by the hour, a month by the day, a quarter by the week. */
export const maxQuantity: Record<HireDuration, number> = { hourly: 72, daily: 30, weekly: 13 };

/** A trial: free, this long, once per user and listing. */
export const trialMs = 15 * 60_000;
export const trialMinutes = trialMs / 60_000;

/** An owned session (the owner running their own agent): free, up to this long before it must be renewed. */
export const ownedSessionMs = 24 * hourMs;

/** The price of a hire: the listing's price for the period, times the number of periods. */
export function hirePriceDof(pricing: AgentPricing, duration: HireDuration, quantity: number): number {
  const perPeriod = { hourly: pricing.hourlyDof, daily: pricing.dailyDof, weekly: pricing.weeklyDof }[
    duration
  ];
  return perPeriod * quantity;
}

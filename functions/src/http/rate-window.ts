/** A fixed one-minute window of counted requests for one bucket (caller × route, or one API key). */
export interface RateWindow {
  windowStartMs: number;
  count: number;
}

export const rateWindowMs = 60_000;

export type RateDecision =
  | { allowed: true; next: RateWindow }
  | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one more request against `limit` per window. A new window starts at the first request after the
 * old one ends (not on the clock's minute), so a burst cannot straddle two fresh windows back to back.
 */
export function admitRequest(current: RateWindow | undefined, limit: number, nowMs: number): RateDecision {
  const expired = !current || nowMs >= current.windowStartMs + rateWindowMs || nowMs < current.windowStartMs;
  if (expired) return { allowed: true, next: { windowStartMs: nowMs, count: 1 } };
  if (current.count < limit) return { allowed: true, next: { ...current, count: current.count + 1 } };
  const waitMs = current.windowStartMs + rateWindowMs - nowMs;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

export const rateWindowMs = 60_000;

/** The clock-aligned minute `nowMs` falls in: its number (part of the counter's id) and when it ends. */
export function windowOf(nowMs: number): { index: number; endsAtMs: number } {
  const index = Math.floor(nowMs / rateWindowMs);
  return { index, endsAtMs: (index + 1) * rateWindowMs };
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Whether one more request fits in the current window, given the requests already counted in it. A
 * refused caller is told to come back when the window ends, and never sooner than in a second.
 */
export function admitRequest(countedSoFar: number, limit: number, nowMs: number): RateDecision {
  if (countedSoFar < limit) return { allowed: true };
  const waitMs = windowOf(nowMs).endsAtMs - nowMs;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

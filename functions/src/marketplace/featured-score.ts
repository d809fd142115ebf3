/** What the featured score is computed from: a listing's review and hire statistics. */
export interface ScoreInputs {
  /** Average review rating, 0–5. */
  rating: number;
  ratingCount: number;
  /** Hires in the last 30 days. */
  recentHires: number;
}

/** The tuning of {@link featuredScore}; the defaults are what the marketplace uses. */
export interface ScoreTuning {
  /** The rating a listing is assumed to have before anyone reviewed it. */
  priorRating: number;
  /** How many reviews the prior counts as: with 10, a listing needs about 10 reviews to halve its pull. */
  priorWeight: number;
  /** Points per natural-log unit of recent hires. */
  hiresWeight: number;
}

export const defaultScoreTuning: ScoreTuning = { priorRating: 3, priorWeight: 10, hiresWeight: 0.2 };

/**
 * The score that orders featured listings after the pinned ones:
 *
 *     score = (C·m + n·r) / (C + n) + w · ln(1 + h)
 *
 * where r is the average rating (0–5), n the number of ratings, h the hires of the last 30 days, m the prior
 * rating (3), C the prior's weight in reviews (10) and w the hires weight (0.2).
 *
 * The first term is a Bayesian average: a listing's rating is shrunk towards the prior until it has enough
 * reviews to speak for itself, so one 5-star review (3.18) does not outrank a hundred 4.8-star ones (4.64).
 * The second term rewards current demand with diminishing returns: 10 recent hires add 0.48, 100 add 0.92,
 * so popularity lifts a listing by less than a star. Unreviewed, unhired listings score exactly m.
 * The result is rounded to 6 decimals so equal inputs give byte-equal stored scores.
 */
export function featuredScore(inputs: ScoreInputs, tuning: ScoreTuning = defaultScoreTuning): number {
  const { priorRating: m, priorWeight: c, hiresWeight: w } = tuning;
  const n = Math.max(0, inputs.ratingCount);
  const r = Math.min(5, Math.max(0, inputs.rating));
  const h = Math.max(0, inputs.recentHires);
  const bayesian = (c * m + n * r) / (c + n);
  return Math.round((bayesian + w * Math.log1p(h)) * 1e6) / 1e6;
}

import { createHash } from "node:crypto";
import { FieldValue, Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { z } from "zod";
import { Collections } from "../common/collections.js";
import { converterFor } from "../common/converter.js";
import { AppError } from "../common/errors.js";
import { db } from "../common/firebase.js";
import { admitRequest, rateWindowMs, windowOf } from "./rate-window.js";

/**
 * `rateLimits/{hash of bucket}_{minute}`: the requests counted for one bucket in one clock minute.
 * `expiresAt` lets a Firestore TTL policy delete old windows.
 */
const RateLimitDoc = z.object({
  bucket: z.string(),
  count: z.number().int().nonnegative(),
  expiresAt: z.instanceof(Timestamp),
});
const rateLimitConverter = converterFor(RateLimitDoc);

export interface RateLimit {
  /** Who and what is counted, e.g. `user:<uid>|GET /agents` or `key:<keyId>`. */
  bucket: string;
  perMinute: number;
}

function counterRef(bucket: string, windowIndex: number) {
  const id = createHash("sha256").update(bucket).digest("hex").slice(0, 40);
  return db()
    .collection(Collections.rateLimits)
    .doc(`${id}_${windowIndex}`)
    .withConverter(rateLimitConverter);
}

/**
 * Counts this request in every given bucket; throws `rateLimited` with `retryAfterSeconds` when any bucket
 * is full. The counters are read, then bumped with blind increments, outside any transaction: a burst of
 * concurrent requests costs no transaction retries (a transaction per request made a hundred simultaneous
 * calls queue for seconds), at the price of admitting up to the burst's concurrency past the limit.
 * Fails open: if the counters cannot be read or written, the request is served and the failure logged,
 * because a limiter outage must not become an API outage.
 *
 * Cost: one read and one write per bucket per request. Increments to one document are applied in order
 * by Firestore, but a bucket allowed far more than ~60 requests a minute is past the sustained
 * one-write-per-second per document; our limits stay around that.
 */
export async function enforceRateLimits(limits: RateLimit[], now = Date.now()): Promise<void> {
  const window = windowOf(now);
  const counters = limits.map((limit) => ({ ...limit, ref: counterRef(limit.bucket, window.index) }));
  let retryAfterSeconds = 0;
  try {
    const snapshots = await db().getAll(...counters.map(({ ref }) => ref));
    for (const [index, { perMinute }] of counters.entries()) {
      const decision = admitRequest(snapshots[index]?.data()?.count ?? 0, perMinute, now);
      if (!decision.allowed) retryAfterSeconds = Math.max(retryAfterSeconds, decision.retryAfterSeconds);
    }
    if (retryAfterSeconds === 0) {
      const batch = db().batch();
      const expiresAt = Timestamp.fromMillis(window.endsAtMs + rateWindowMs);
      for (const { ref, bucket } of counters)
        batch.set(
          ref.withConverter(null),
          { bucket, count: FieldValue.increment(1), expiresAt },
          { merge: true },
        );
      await batch.commit();
    }
  } catch (error) {
    logger.error("Rate limiter unavailable; serving the request unlimited", { error });
    return;
  }
  if (retryAfterSeconds > 0)
    throw new AppError("rateLimited", `Too many requests; try again in ${retryAfterSeconds} s.`, {
      retryAfterSeconds,
    });
}

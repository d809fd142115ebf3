import { createHash } from "node:crypto";
import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { z } from "zod";
import { Collections } from "../common/collections.js";
import { converterFor } from "../common/converter.js";
import { AppError } from "../common/errors.js";
import { db } from "../common/firebase.js";
import { admitRequest, rateWindowMs } from "./rate-window.js";

/**
 * `rateLimits/{hash of bucket}`: one document per bucket, rewritten in place, so idle buckets do not pile
 * up beyond one document each; `expiresAt` lets a Firestore TTL policy delete the idle ones.
 */
const RateLimitDoc = z.object({
  bucket: z.string(),
  windowStartMs: z.number().int(),
  count: z.number().int().nonnegative(),
  expiresAt: z.instanceof(Timestamp),
});
const rateLimitConverter = converterFor(RateLimitDoc);

export interface RateLimit {
  /** Who and what is counted, e.g. `user:<uid>|GET /agents` or `key:<keyId>`. */
  bucket: string;
  perMinute: number;
}

function bucketRef(bucket: string) {
  const id = createHash("sha256").update(bucket).digest("hex").slice(0, 40);
  return db().collection(Collections.rateLimits).doc(id).withConverter(rateLimitConverter);
}

/**
 * Counts this request in every given bucket, all or none, in one transaction; throws `rateLimited` with
 * `retryAfterSeconds` when any bucket is full. Fails open: if the counters cannot be read, the request is
 * served and the failure logged, because a limiter outage must not become an API outage.
 *
 * Cost: one read and one write per bucket per request. A bucket allowed more than ~60 requests a minute
 * goes past Firestore's sustained one-write-per-second per document; our limits stay around that.
 */
export async function enforceRateLimits(limits: RateLimit[], now = Date.now()): Promise<void> {
  let retryAfterSeconds: number | undefined;
  const buckets = limits.map((limit) => ({ ...limit, ref: bucketRef(limit.bucket) }));
  try {
    await db().runTransaction(async (transaction) => {
      retryAfterSeconds = undefined;
      const snapshots = await transaction.getAll(...buckets.map(({ ref }) => ref));
      const admitted = [];
      for (const [index, { ref, bucket, perMinute }] of buckets.entries()) {
        const decision = admitRequest(snapshots[index]?.data(), perMinute, now);
        if (decision.allowed) admitted.push({ ref, bucket, ...decision.next });
        else retryAfterSeconds = Math.max(retryAfterSeconds ?? 0, decision.retryAfterSeconds);
      }
      if (retryAfterSeconds !== undefined) return;
      for (const { ref, ...window } of admitted) {
        transaction.set(ref, {
          ...window,
          expiresAt: Timestamp.fromMillis(window.windowStartMs + 2 * rateWindowMs),
        });
      }
    });
  } catch (error) {
    logger.error("Rate limiter unavailable; serving the request unlimited", { error });
    return;
  }
  if (retryAfterSeconds !== undefined)
    throw new AppError("rateLimited", `Too many requests; try again in ${retryAfterSeconds} s.`, {
      retryAfterSeconds,
    });
}

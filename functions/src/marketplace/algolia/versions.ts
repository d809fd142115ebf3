import type { Timestamp } from "firebase-admin/firestore";

/**
 * Versions of a listing for the search sync: commit times in whole microseconds, the precision Firestore
 * commits with. They fit a JS number exactly (about 1.8e15 today) and Algolia's numeric range.
 */
export function microsOf(time: Timestamp): number {
  return time.seconds * 1_000_000 + Math.floor(time.nanoseconds / 1000);
}

/** An RFC 3339 time (a CloudEvent's `time`) in microseconds, keeping digits past the millisecond. */
export function microsFromIso(iso: string): number {
  const match = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  const seconds = match ? Date.parse(`${match[1]}${match[3]}`) : Number.NaN;
  if (!match || Number.isNaN(seconds)) throw new Error(`Not an RFC 3339 time: ${iso}`);
  const fraction = (match[2] ?? "").padEnd(6, "0").slice(0, 6);
  return seconds * 1000 + Number(fraction);
}

/**
 * Sort orders shared by queries, hashing and rules, matching what the SDKs compute client side
 * (they re-filter every server push, so any disagreement shows up as flickering events).
 */
import type { MaybeNode } from "./tree.js";

/** Sentinel names the client sends for open-ended `startAfter`/`endBefore` bounds. */
export const MIN_NAME = "[MIN_NAME]";
export const MAX_NAME = "[MAX_NAME]";

const INT32_KEY = /^-?(0*)\d{1,10}$/;

function keyAsInt32(key: string): number | null {
  if (!INT32_KEY.test(key)) return null;
  const value = Number(key);
  return value >= -2147483648 && value <= 2147483647 ? value : null;
}

/** Keys that parse as 32-bit integers come first, numerically; the rest compare as strings. */
export function nameCompare(a: string, b: string): number {
  if (a === b) return 0;
  if (a === MIN_NAME || b === MAX_NAME) return -1;
  if (b === MIN_NAME || a === MAX_NAME) return 1;
  const aInt = keyAsInt32(a);
  const bInt = keyAsInt32(b);
  if (aInt !== null) {
    if (bInt === null) return -1;
    return aInt === bInt ? a.length - b.length : aInt - bInt;
  }
  if (bInt !== null) return 1;
  return a < b ? -1 : 1;
}

const LEAF_TYPE_ORDER = ["boolean", "number", "string"];

/** null < false < true < numbers < strings < objects (objects tie with each other). */
export function compareValues(a: MaybeNode, b: MaybeNode): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  if (a.kind === "branch") return b.kind === "branch" ? 0 : 1;
  if (b.kind === "branch") return -1;
  const typeDiff = LEAF_TYPE_ORDER.indexOf(typeof a.value) - LEAF_TYPE_ORDER.indexOf(typeof b.value);
  if (typeDiff !== 0) return typeDiff;
  if (a.value === b.value) return 0;
  return a.value < b.value ? -1 : 1;
}

/** Priority order: no priority first, then numbers, then strings; ties broken by key. */
export function comparePriorities(a: string | number | undefined, b: string | number | undefined): number {
  if (a === undefined) return b === undefined ? 0 : -1;
  if (b === undefined) return 1;
  if (typeof a !== typeof b) return typeof a === "number" ? -1 : 1;
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * REST query parameters (`orderBy="$key"`, `startAt=…`, `limitToFirst=…`) to a QuerySpec. Values
 * are JSON; start/end accept an optional `,"key"` second part like the SDK's REST client sends.
 */
import { HttpError } from "./http-io.js";
import { parseIndex, type QueryBound, type QuerySpec } from "./query.js";
import type { Json } from "./tree.js";

function parseBound(raw: string, inclusive: boolean, param: string): QueryBound {
  let parts: unknown;
  try {
    parts = JSON.parse(`[${raw}]`);
  } catch {
    throw new HttpError(400, `${param} must be a valid JSON value`);
  }
  const [value, name] = parts as [Json, unknown];
  if (value !== null && typeof value === "object")
    throw new HttpError(400, `${param} must be a primitive JSON value`);
  return { value, name: typeof name === "string" ? name : undefined, inclusive };
}

function parseLimit(raw: string, param: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new HttpError(400, `${param} must be a positive integer`);
  return value;
}

export function parseRestQuery(params: URLSearchParams): QuerySpec | undefined {
  const orderBy = params.get("orderBy");
  const filterParams = [
    "startAt",
    "startAfter",
    "endAt",
    "endBefore",
    "equalTo",
    "limitToFirst",
    "limitToLast",
  ];
  const hasFilter = filterParams.some((param) => params.has(param));
  if (orderBy === null) {
    if (hasFilter)
      throw new HttpError(400, "orderBy must be defined when other query parameters are defined");
    return undefined;
  }
  let indexName: unknown;
  try {
    indexName = JSON.parse(orderBy);
  } catch {
    throw new HttpError(400, "orderBy must be a valid JSON encoded path");
  }
  if (typeof indexName !== "string") throw new HttpError(400, "orderBy must be a valid JSON encoded path");
  const spec: QuerySpec = { index: parseIndex(indexName), fromRight: false };
  const equalTo = params.get("equalTo");
  const startAt = params.get("startAt") ?? equalTo;
  const endAt = params.get("endAt") ?? equalTo;
  const startAfter = params.get("startAfter");
  const endBefore = params.get("endBefore");
  if (startAt !== null) spec.start = parseBound(startAt, true, "startAt");
  else if (startAfter !== null) spec.start = parseBound(startAfter, false, "startAfter");
  if (endAt !== null) spec.end = parseBound(endAt, true, "endAt");
  else if (endBefore !== null) spec.end = parseBound(endBefore, false, "endBefore");
  const first = params.get("limitToFirst");
  const last = params.get("limitToLast");
  if (first !== null && last !== null)
    throw new HttpError(400, "limitToFirst and limitToLast cannot both be set");
  if (first !== null) spec.limit = parseLimit(first, "limitToFirst");
  if (last !== null) {
    spec.limit = parseLimit(last, "limitToLast");
    spec.fromRight = true;
  }
  if (spec.index.kind === "key" && [spec.start, spec.end].some((b) => b && typeof b.value !== "string")) {
    throw new HttpError(400, 'orderBy "$key" requires string start/end values');
  }
  return spec;
}

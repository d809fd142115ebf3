/**
 * Record writes: save, partial update (with Algolia's built-in operations), delete, and the `batch`
 * actions that combine them. A batch is checked whole before any of it is applied, so a bad action
 * leaves the index untouched.
 */
import { AlgoliaError, objectBody } from "./http.js";
import type { SearchRecord } from "./settings.js";
import type { AlgoliaStore, IndexState } from "./store.js";

type Operation = { _operation: string; value?: unknown };

function isOperation(value: unknown): value is Operation {
  return typeof value === "object" && value !== null && typeof (value as Operation)._operation === "string";
}

function asNumber(value: unknown, operation: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new AlgoliaError(400, `${operation} needs a numeric value`);
  }
  return value;
}

/**
 * The record after a partial update, or undefined when the update is skipped. `IncrementFrom` and
 * `IncrementSet` are conditions: when one fails, the whole update of the record is ignored, which is what
 * makes them usable as an optimistic lock (Algolia's Firestore extension versions its records this way).
 */
export function applyPartial(
  existing: SearchRecord | undefined,
  changes: Record<string, unknown>,
  objectID: string,
): SearchRecord | undefined {
  const next: SearchRecord = existing ? structuredClone(existing) : { objectID };
  for (const [attribute, change] of Object.entries(changes)) {
    if (attribute === "objectID") continue;
    if (!isOperation(change)) {
      next[attribute] = structuredClone(change);
      continue;
    }
    const current = next[attribute];
    const currentNumber = typeof current === "number" ? current : 0;
    const list = Array.isArray(current) ? [...current] : current === undefined ? [] : [current];
    switch (change._operation) {
      case "Increment":
        next[attribute] = currentNumber + asNumber(change.value, "Increment");
        break;
      case "Decrement":
        next[attribute] = currentNumber - asNumber(change.value, "Decrement");
        break;
      case "Add":
        next[attribute] = [...list, change.value];
        break;
      case "AddUnique":
        next[attribute] = list.includes(change.value) ? list : [...list, change.value];
        break;
      case "Remove":
        next[attribute] = list.filter((item) => item !== change.value);
        break;
      case "IncrementFrom": {
        const expected = asNumber(change.value, "IncrementFrom");
        if (currentNumber !== expected) return undefined;
        next[attribute] = expected + 1;
        break;
      }
      case "IncrementSet": {
        const value = asNumber(change.value, "IncrementSet");
        if (value <= currentNumber) return undefined;
        next[attribute] = value;
        break;
      }
      default:
        throw new AlgoliaError(400, `Unknown operation ${change._operation}`);
    }
  }
  return next;
}

export type BatchAction =
  | "addObject"
  | "updateObject"
  | "partialUpdateObject"
  | "partialUpdateObjectNoCreate"
  | "deleteObject"
  | "delete"
  | "clear";

const actions = new Set<string>([
  "addObject",
  "updateObject",
  "partialUpdateObject",
  "partialUpdateObjectNoCreate",
  "deleteObject",
  "delete",
  "clear",
]);

export interface BatchRequest {
  action: BatchAction;
  body: Record<string, unknown>;
  indexName?: string;
}

/** Validates `{ requests: [{ action, body, indexName? }] }`. */
export function parseBatch(body: unknown, needsIndexName: boolean): BatchRequest[] {
  const requests = objectBody(body, "The batch").requests;
  if (!Array.isArray(requests)) throw new AlgoliaError(400, "requests must be a list");
  return requests.map((entry, position) => {
    const request = objectBody(entry, `requests[${position}]`);
    if (typeof request.action !== "string" || !actions.has(request.action)) {
      throw new AlgoliaError(400, `Invalid action ${String(request.action)} at requests[${position}]`);
    }
    const action = request.action as BatchAction;
    const payload = request.body === undefined ? {} : objectBody(request.body, `requests[${position}].body`);
    const needsId = action !== "addObject" && action !== "delete" && action !== "clear";
    if (needsId && (typeof payload.objectID !== "string" || payload.objectID === "")) {
      throw new AlgoliaError(400, `objectID is required for ${action} at requests[${position}]`);
    }
    if (needsIndexName && typeof request.indexName !== "string") {
      throw new AlgoliaError(400, `indexName is required at requests[${position}]`);
    }
    return { action, body: payload, indexName: request.indexName as string | undefined };
  });
}

/** Applies one batch action; returns the objectID it touched, if any. */
export function applyAction(
  store: AlgoliaStore,
  index: IndexState,
  request: BatchRequest,
): string | undefined {
  const objectID = request.body.objectID as string | undefined;
  switch (request.action) {
    case "addObject":
    case "updateObject":
      return store.saveRecord(index, request.body).objectID;
    case "partialUpdateObject":
    case "partialUpdateObjectNoCreate": {
      const id = objectID as string;
      const existing = index.records.get(id);
      if (!existing && request.action === "partialUpdateObjectNoCreate") return id;
      const next = applyPartial(existing, request.body, id);
      if (next) index.records.set(id, next);
      return id;
    }
    case "deleteObject":
      index.records.delete(objectID as string);
      return objectID;
    case "delete":
      store.deleteIndex(index.name);
      return undefined;
    case "clear":
      index.records.clear();
      return undefined;
  }
}

/**
 * Server values (`{".sv": "timestamp"}` and `{".sv": {"increment": n}}`) are placeholders the
 * server replaces at write time; increments apply to the value already stored at that spot.
 */
import { childrenOf, InvalidDataError, type Json, type MaybeNode } from "./tree.js";

function resolveOne(sv: unknown, existing: MaybeNode, now: number): Json {
  if (sv === "timestamp") return now;
  if (sv && typeof sv === "object" && "increment" in sv) {
    const delta = (sv as { increment: unknown }).increment;
    if (typeof delta !== "number") throw new InvalidDataError("increment must be a number");
    const current = existing?.kind === "leaf" && typeof existing.value === "number" ? existing.value : 0;
    return current + delta;
  }
  throw new InvalidDataError(`Unsupported server value ${JSON.stringify(sv)}`);
}

export function resolveServerValues(json: unknown, existing: MaybeNode, now: number): Json {
  if (json === null || json === undefined) return null;
  if (typeof json !== "object") return json as Json;
  if (Array.isArray(json)) {
    return json.map((item, index) =>
      resolveServerValues(item, childrenOf(existing).get(String(index)) ?? null, now),
    );
  }
  const record = json as Record<string, unknown>;
  if (".sv" in record) return resolveOne(record[".sv"], existing, now);
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(record)) {
    const child = key === ".value" ? existing : (childrenOf(existing).get(key) ?? null);
    out[key] =
      key === ".priority" ? resolveServerValues(value, null, now) : resolveServerValues(value, child, now);
  }
  return out;
}

export function containsServerValue(json: unknown): boolean {
  if (json === null || typeof json !== "object") return false;
  if (Array.isArray(json)) return json.some(containsServerValue);
  return ".sv" in json || Object.values(json).some(containsServerValue);
}

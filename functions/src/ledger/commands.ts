import { createHash } from "node:crypto";
import { z } from "zod";
import { LedgerError } from "./errors.js";

/**
 * The money-command kit: every command that moves DOF (a transfer, a purchase, a hire, a trial, a usage
 * report, a settlement, a reversal) names itself with `commandId`, fingerprints what it asks with
 * `fingerprint`, and meets its earlier tries through `replayOf`, so the reused-key rule is one rule.
 */

/** A client-made key, reused on every retry of one request. */
export const IdempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,100}$/, "Use 8–100 letters, digits, '-' or '_' (a UUID is ideal).");

/** The commands whose ids are made from who asked and their key (or the pair that makes them unique). */
export type CommandKind = "transfer" | "purchase" | "hire" | "owned" | "trial";

function digest(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}

/** JSON with object keys sorted, so the same request always has the same text. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, entry]) => entry !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, entry]) => [key, canonical(entry)]),
    );
  return value;
}

/** A fingerprint of a request, so a key reused for a different request is told apart from a retry. */
export function fingerprint(value: unknown): string {
  return digest(JSON.stringify(canonical(value)));
}

/**
 * The id of a command, fixed by its kind and the parts that make it unique (usually the caller's uid and
 * idempotency key): a retry finds its first try, and one user's key never names another's command.
 */
export function commandId(kind: CommandKind, ...parts: string[]): string {
  return `${commandPrefix[kind]}_${digest(parts.join("\n")).slice(0, 24)}`;
}

const commandPrefix: Record<CommandKind, string> = {
  transfer: "transfer",
  purchase: "pur",
  hire: "hire",
  owned: "owned",
  trial: "trial",
};

/**
 * The id of a posting that something else caused (a hire's hold, a purchase's credit, a settlement's leg):
 * the cause's own id under a name for the posting, so every delivery of the cause finds the same posting.
 */
export function causedId(posting: string, ...cause: string[]): string {
  return [posting, ...cause].join("_");
}

/**
 * Whether a command found an earlier try of itself: `false` when `existing` is absent (apply it now), `true`
 * when it has the same fingerprint (answer what it did). The same id with another fingerprint is the one
 * named refusal, `key_reused`.
 */
export function replayOf<Earlier extends { requestHash: string }>(
  existing: Earlier | undefined,
  requestHash: string,
  reused: { commandId: string; command: string },
): existing is Earlier {
  if (!existing) return false;
  if (existing.requestHash !== requestHash) throw new LedgerError({ code: "key_reused", ...reused });
  return true;
}

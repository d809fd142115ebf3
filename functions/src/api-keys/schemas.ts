import { Timestamp } from "firebase-admin/firestore";
import { z } from "zod";

import { Scope } from "../http/caller.js";

export { Scope };

/** `apiKeys/{keyId}`: only a hash of the secret is kept; the key itself is shown once, at creation. */
export const ApiKeyRecord = z.object({
  keyId: z.string().min(1),
  ownerUid: z.string().min(1),
  name: z.string(),
  secretSha256: z.string().regex(/^[0-9a-f]{64}$/),
  scopes: z.array(Scope),
  rateLimitPerMinute: z.number().int().positive(),
  createdAt: z.instanceof(Timestamp),
  expiresAt: z.instanceof(Timestamp),
  revokedAt: z.instanceof(Timestamp).nullable(),
});
export type ApiKeyRecord = z.infer<typeof ApiKeyRecord>;

export const CreateApiKeyBody = z.strictObject({
  name: z.string().trim().min(1).max(60),
  scopes: z
    .array(Scope)
    .min(1)
    .refine((scopes) => new Set(scopes).size === scopes.length, "Each scope may appear once."),
  /** Keys always expire: a forgotten key in an old game build stops working on its own. */
  expiresInDays: z.number().int().min(1).max(365).default(90),
  rateLimitPerMinute: z.number().int().min(1).max(600).default(60),
});

export const ApiKeyParams = z.strictObject({ keyId: z.string().regex(/^[A-Za-z0-9]{20}$/) });

/** The view of a key its owner gets back: never the secret or its hash. */
export const ApiKeyView = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(Scope),
  rateLimitPerMinute: z.number().int(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;

export function viewOf(record: ApiKeyRecord): ApiKeyView {
  return {
    id: record.keyId,
    name: record.name,
    scopes: record.scopes,
    rateLimitPerMinute: record.rateLimitPerMinute,
    createdAt: record.createdAt.toDate().toISOString(),
    expiresAt: record.expiresAt.toDate().toISOString(),
    revokedAt: record.revokedAt?.toDate().toISOString() ?? null,
  };
}

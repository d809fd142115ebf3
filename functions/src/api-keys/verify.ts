import { AppError } from "../common/errors.js";
import type { Caller } from "../http/caller.js";
import { apiKeys } from "./repo.js";
import { parseKey, secretMatches } from "./secret.js";

/**
 * The caller an `X-API-Key` stands for: its owner with the plain `user` role, limited to the key's scopes.
 * Keys never carry vendor or admin powers, so a leaked game-client key cannot publish or moderate.
 */
export async function callerFromApiKey(presented: string, now: Date): Promise<Caller> {
  const parsed = parseKey(presented);
  const snapshot = parsed ? await apiKeys().doc(parsed.keyId).get() : undefined;
  const record = snapshot?.data();
  // One message for unknown, malformed and wrong-secret keys: the answer must not help guess ids.
  if (!parsed || !record || !secretMatches(parsed.secret, record.secretSha256))
    throw new AppError("unauthenticated", "The API key is not valid.", { reason: "invalid-api-key" });
  if (record.revokedAt)
    throw new AppError("unauthenticated", "This API key was revoked.", { reason: "api-key-revoked" });
  if (record.expiresAt.toMillis() <= now.getTime())
    throw new AppError("unauthenticated", "This API key has expired.", { reason: "api-key-expired" });
  return {
    uid: record.ownerUid,
    email: null,
    roles: new Set(["user"]),
    credential: {
      kind: "apiKey",
      keyId: record.keyId,
      scopes: new Set(record.scopes),
      rateLimitPerMinute: record.rateLimitPerMinute,
    },
  };
}

import { Timestamp } from "firebase-admin/firestore";
import { z } from "zod";
import { AppError } from "../common/errors.js";
import { ApiRouter } from "../http/api-router.js";
import { apiKeys } from "./repo.js";
import { ApiKeyParams, ApiKeyView, CreateApiKeyBody, viewOf } from "./schemas.js";
import { formatKey, newKeyId, newSecret, sha256Hex } from "./secret.js";

const dayMs = 86_400_000;

/**
 * API keys for game clients and services. Managed with an ID token only: a key cannot mint or revoke keys.
 */
export const apiKeyRoutes = new ApiRouter()
  .route(
    "post",
    "/api-keys",
    {
      summary: "Create an API key; its secret is in this answer only",
      access: "user",
      rateLimitPerMinute: 10,
      successStatus: 201,
      body: CreateApiKeyBody,
      response: ApiKeyView.extend({ key: z.string() }),
    },
    async ({ body, caller }) => {
      const keyId = newKeyId();
      const secret = newSecret();
      const now = Timestamp.now();
      const record = {
        keyId,
        ownerUid: caller.uid,
        name: body.name,
        secretSha256: sha256Hex(secret),
        scopes: body.scopes,
        rateLimitPerMinute: body.rateLimitPerMinute,
        createdAt: now,
        expiresAt: Timestamp.fromMillis(now.toMillis() + body.expiresInDays * dayMs),
        revokedAt: null,
      };
      await apiKeys().doc(keyId).create(record);
      return { ...viewOf(record), key: formatKey(keyId, secret) };
    },
  )
  .route(
    "get",
    "/api-keys",
    {
      summary: "The caller's API keys, newest first, revoked ones included",
      access: "user",
      response: z.object({ items: z.array(ApiKeyView) }),
    },
    async ({ caller }) => {
      // A person holds a handful of keys; the list is not paginated (creation is rate limited).
      const snapshot = await apiKeys().where("ownerUid", "==", caller.uid).get();
      const items = snapshot.docs
        .map((doc) => doc.data())
        .sort((a, b) => b.createdAt.toMillis() - a.createdAt.toMillis())
        .map(viewOf);
      return { items };
    },
  )
  .route(
    "delete",
    "/api-keys/:keyId",
    { summary: "Revoke an API key at once", access: "user", params: ApiKeyParams },
    async ({ params, caller }) => {
      const ref = apiKeys().doc(params.keyId);
      await ref.firestore.runTransaction(async (transaction) => {
        const record = (await transaction.get(ref)).data();
        // Someone else's key is reported as missing, so ids cannot be probed.
        if (!record || record.ownerUid !== caller.uid) throw new AppError("notFound", "No such API key.");
        if (!record.revokedAt) transaction.update(ref, { revokedAt: Timestamp.now() });
      });
      return undefined;
    },
  )
  .finish();

/**
 * Credentials as the emulator understands them. Like the official emulator, ID tokens are
 * decoded but not verified (the Auth emulator and `mockUserToken` issue unsigned `alg: none`
 * JWTs); "owner" is the emulator's admin token.
 */
import type { AuthContext } from "./rules/evaluate.js";

export type Principal = { kind: "admin" } | { kind: "user"; auth: AuthContext } | { kind: "anonymous" };

export const ADMIN: Principal = { kind: "admin" };
export const ANONYMOUS: Principal = { kind: "anonymous" };

export class InvalidTokenError extends Error {}

function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1] as string, "base64url").toString("utf8"));
    return payload && typeof payload === "object" && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function authFromClaims(claims: Record<string, unknown>): AuthContext {
  const uid = claims.user_id ?? claims.sub ?? claims.uid;
  if (typeof uid !== "string" || uid === "") throw new InvalidTokenError("Token has no sub/user_id claim");
  const firebase = claims.firebase as { sign_in_provider?: unknown } | undefined;
  const provider = typeof firebase?.sign_in_provider === "string" ? firebase.sign_in_provider : "custom";
  return { uid, provider, token: { ...claims, sub: claims.sub ?? uid } };
}

/**
 * Resolves a bearer credential. Google OAuth access tokens (what the Admin SDK sends over REST
 * with real credentials) cannot be checked offline and are treated as admin, as "owner" is.
 */
export function principalFromToken(token: string | undefined): Principal {
  if (token === undefined || token === "") return ANONYMOUS;
  if (token === "owner" || token.startsWith("ya29.")) return ADMIN;
  const claims = decodeJwtPayload(token);
  if (!claims) throw new InvalidTokenError("Could not parse auth token.");
  return { kind: "user", auth: authFromClaims(claims) };
}

/** The Admin SDK's `databaseAuthVariableOverride`, sent as `authvar` next to the owner token. */
export function principalFromOverride(authvar: unknown, noauth: boolean): Principal | undefined {
  if (noauth) return ANONYMOUS;
  if (authvar && typeof authvar === "object")
    return { kind: "user", auth: authFromClaims(authvar as Record<string, unknown>) };
  return undefined;
}

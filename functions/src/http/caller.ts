import type { DecodedIdToken } from "firebase-admin/auth";
import { z } from "zod";

/**
 * What an API key may do. Each route names the one scope a key needs to call it; ID tokens need none. The
 * platform's vocabulary of permissions: the api-keys capability stores them, routes ask for them.
 */
export const Scope = z.enum([
  "profile:read",
  "agents:read",
  "agents:write",
  "marketplace:read",
  "sessions:read",
  "sessions:write",
]);
export type Scope = z.infer<typeof Scope>;

export type Role = "user" | "vendor" | "admin";

/** How the caller proved who it is: a person's ID token, or an API key acting for its owner. */
export type Credential =
  | { kind: "idToken" }
  | { kind: "apiKey"; keyId: string; scopes: ReadonlySet<Scope>; rateLimitPerMinute: number };

/** Who is calling, as established by authentication. Every account has the role `user`. */
export interface Caller {
  uid: string;
  email: string | null;
  roles: ReadonlySet<Role>;
  credential: Credential;
}

/** Checks an `X-API-Key` and answers whom it stands for (or throws `unauthenticated`). */
export type ApiKeyVerifier = (presented: string, now: Date) => Promise<Caller>;

/** Roles are custom claims (`vendor: true`, `admin: true`), set by admins through the Admin SDK only. */
export function callerFromToken(token: DecodedIdToken): Caller {
  const roles = new Set<Role>(["user"]);
  if (token.vendor === true) roles.add("vendor");
  if (token.admin === true) roles.add("admin");
  return { uid: token.uid, email: token.email ?? null, roles, credential: { kind: "idToken" } };
}

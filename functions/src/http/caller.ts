import type { DecodedIdToken } from "firebase-admin/auth";
import type { Scope } from "../api-keys/schemas.js";

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

/** Roles are custom claims (`vendor: true`, `admin: true`), set by admins through the Admin SDK only. */
export function callerFromToken(token: DecodedIdToken): Caller {
  const roles = new Set<Role>(["user"]);
  if (token.vendor === true) roles.add("vendor");
  if (token.admin === true) roles.add("admin");
  return { uid: token.uid, email: token.email ?? null, roles, credential: { kind: "idToken" } };
}

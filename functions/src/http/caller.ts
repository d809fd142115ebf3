import type { DecodedIdToken } from "firebase-admin/auth";

export type Role = "user" | "vendor" | "admin";

/** Who is calling, as established by authentication. Every account has the role `user`. */
export interface Caller {
  uid: string;
  email: string | null;
  roles: ReadonlySet<Role>;
}

/** Roles are custom claims (`vendor: true`, `admin: true`), set by admins through the Admin SDK only. */
export function callerFromToken(token: DecodedIdToken): Caller {
  const roles = new Set<Role>(["user"]);
  if (token.vendor === true) roles.add("vendor");
  if (token.admin === true) roles.add("admin");
  return { uid: token.uid, email: token.email ?? null, roles };
}

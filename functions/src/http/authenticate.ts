import type { Request } from "express";
import { AppError } from "../common/errors.js";
import { auth } from "../common/firebase.js";
import { type Caller, callerFromToken, type Role } from "./caller.js";

const bearer = /^Bearer\s+(\S+)$/i;

function isAuthError(error: unknown): error is { code: string } {
  return (
    typeof error === "object" && error !== null && "code" in error && String(error.code).startsWith("auth/")
  );
}

/**
 * Verifies the Firebase ID token in `Authorization: Bearer`, including whether its session was revoked
 * (sign-out everywhere, disabled account), so a stolen token stops working when the user signs out.
 */
export async function authenticate(req: Request): Promise<Caller> {
  const match = bearer.exec(req.get("authorization") ?? "");
  if (!match?.[1])
    throw new AppError(
      "unauthenticated",
      "Sign in and send your ID token as `Authorization: Bearer <token>`.",
    );
  try {
    return callerFromToken(await auth().verifyIdToken(match[1], true));
  } catch (error) {
    if (!isAuthError(error)) throw error;
    const revoked = error.code === "auth/id-token-revoked" || error.code === "auth/user-disabled";
    throw new AppError(
      "unauthenticated",
      revoked ? "This session has ended; sign in again." : "The ID token is invalid or has expired.",
      { reason: error.code.replace("auth/", "") },
    );
  }
}

export function requireRole(caller: Caller, role: Role): void {
  if (!caller.roles.has(role)) throw new AppError("permissionDenied", `This needs the ${role} role.`);
}

import type { Express, Request } from "express";
import { AppError } from "../common/errors.js";
import { auth } from "../common/firebase.js";
import { type ApiKeyVerifier, type Caller, callerFromToken, type Role, type Scope } from "./caller.js";

export type Access = "public" | Role;

const bearer = /^Bearer\s+(\S+)$/i;

function isAuthError(error: unknown): error is { code: string } {
  return (
    typeof error === "object" && error !== null && "code" in error && String(error.code).startsWith("auth/")
  );
}

/**
 * Verifies a Firebase ID token, including whether its session was revoked (sign-out everywhere, disabled
 * account), so a stolen token stops working when the user signs out.
 */
async function callerFromBearer(authorization: string): Promise<Caller> {
  const match = bearer.exec(authorization);
  if (!match?.[1])
    throw new AppError("unauthenticated", "Send your ID token as `Authorization: Bearer <token>`.");
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

const apiKeyVerifier = "jigaApiKeyVerifier";

/**
 * Lets the app's routes accept API keys, checked by `verify` (the api-keys capability's). The platform
 * layer knows what a caller is, not where keys are kept, so the app installs the verifier once.
 */
export function acceptApiKeys(app: Express, verify: ApiKeyVerifier): void {
  app.locals[apiKeyVerifier] = verify;
}

function verifierOf(req: Request): ApiKeyVerifier {
  const verify: unknown = req.app.locals[apiKeyVerifier];
  if (typeof verify !== "function") throw new Error("The app accepts no API keys: call acceptApiKeys()");
  return verify as ApiKeyVerifier;
}

/**
 * Who sent the request, from `Authorization: Bearer` or `X-API-Key`; undefined when it sent neither.
 * A credential that is sent must be valid, even on public routes, so a broken client hears about it.
 */
export async function identify(req: Request): Promise<Caller | undefined> {
  const apiKey = req.get("x-api-key");
  const authorization = req.get("authorization");
  if (apiKey !== undefined && authorization !== undefined)
    throw new AppError("invalidArgument", "Send either an ID token or an API key, not both.");
  if (apiKey !== undefined) return verifierOf(req)(apiKey, new Date());
  if (authorization !== undefined) return callerFromBearer(authorization);
  return undefined;
}

/** Checks that the caller may use a route with this access level and API-key scope. */
export function authorize(caller: Caller | undefined, access: Access, scope: Scope | undefined): void {
  if (!caller) {
    if (access === "public") return;
    throw new AppError(
      "unauthenticated",
      "Sign in and send `Authorization: Bearer <ID token>`, or send an API key as `X-API-Key`.",
    );
  }
  const { credential } = caller;
  if (credential.kind === "apiKey") {
    const keyUsable = scope !== undefined && (access === "public" || access === "user");
    if (!keyUsable && access !== "public")
      throw new AppError("permissionDenied", "API keys cannot call this route; use an ID token.", {
        reason: "api-key-not-allowed",
      });
    if (scope && !credential.scopes.has(scope))
      throw new AppError("permissionDenied", `This API key lacks the scope ${scope}.`, {
        reason: "missing-scope",
        requiredScope: scope,
      });
  }
  if (access !== "public" && access !== "user") requireRole(caller, access);
}

export function requireRole(caller: Caller, role: Role): void {
  if (!caller.roles.has(role)) throw new AppError("permissionDenied", `This needs the ${role} role.`);
}

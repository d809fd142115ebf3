import { logger } from "firebase-functions";
import { AppError } from "../common/errors.js";
import { webApiKey } from "../common/params.js";

/**
 * Identity Toolkit and Secure Token, the REST services behind Firebase Auth's client SDKs, for clients that
 * sign in over plain HTTPS. The Auth emulator serves both under its own host when FIREBASE_AUTH_EMULATOR_HOST
 * is set (the Functions emulator sets it).
 */
function serviceUrl(service: "identitytoolkit" | "securetoken", path: string): string {
  const emulator = process.env.FIREBASE_AUTH_EMULATOR_HOST;
  const base = emulator
    ? `http://${emulator}/${service}.googleapis.com`
    : `https://${service}.googleapis.com`;
  return `${base}${path}?key=${encodeURIComponent(webApiKey.value())}`;
}

export interface Session {
  uid: string;
  idToken: string;
  refreshToken: string;
  expiresInSeconds: number;
}

// Identity Toolkit's error codes mapped to ours. Unknown ones are our fault or theirs: 503, logged.
const clientErrors: Record<string, AppError> = {
  INVALID_LOGIN_CREDENTIALS: new AppError("unauthenticated", "The email or password is wrong."),
  INVALID_PASSWORD: new AppError("unauthenticated", "The email or password is wrong."),
  EMAIL_NOT_FOUND: new AppError("unauthenticated", "The email or password is wrong."),
  USER_DISABLED: new AppError("permissionDenied", "This account is disabled."),
  TOKEN_EXPIRED: new AppError("unauthenticated", "The refresh token has expired; sign in again."),
  INVALID_REFRESH_TOKEN: new AppError("unauthenticated", "The refresh token is not valid; sign in again."),
  USER_NOT_FOUND: new AppError("unauthenticated", "The account no longer exists."),
  TOO_MANY_ATTEMPTS_TRY_LATER: new AppError("rateLimited", "Too many attempts; try again later."),
};

async function post(url: string, body: Record<string, string | boolean>): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const result = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.ok) return result;
  const message = String((result.error as { message?: unknown } | undefined)?.message ?? response.status);
  const known = clientErrors[message.split(" ")[0] ?? ""];
  if (known) throw known;
  logger.error("Identity service error", { status: response.status, message });
  throw new AppError("unavailable", "Signing in is unavailable right now; try again.");
}

export async function signInWithPassword(email: string, password: string): Promise<Session> {
  const result = await post(serviceUrl("identitytoolkit", "/v1/accounts:signInWithPassword"), {
    email,
    password,
    returnSecureToken: true,
  });
  return {
    uid: String(result.localId),
    idToken: String(result.idToken),
    refreshToken: String(result.refreshToken),
    expiresInSeconds: Number(result.expiresIn),
  };
}

export async function exchangeRefreshToken(refreshToken: string): Promise<Session> {
  const result = await post(serviceUrl("securetoken", "/v1/token"), {
    grant_type: "refresh_token",
    refresh_token: refreshToken,
  });
  return {
    uid: String(result.user_id),
    idToken: String(result.id_token),
    refreshToken: String(result.refresh_token),
    expiresInSeconds: Number(result.expires_in),
  };
}

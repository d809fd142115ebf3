import { stack } from "./stack.js";

export interface SignedInAccount {
  uid: string;
  idToken: string;
  refreshToken: string;
}

async function identityToolkit(method: string, body: Record<string, unknown>): Promise<SignedInAccount> {
  const url = `http://${stack.authHost}/identitytoolkit.googleapis.com/v1/accounts:${method}?key=test-api-key`;
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ...body, returnSecureToken: true }),
  });
  const result = (await response.json()) as { localId?: string; idToken?: string; refreshToken?: string };
  if (!response.ok || !result.localId || !result.idToken || !result.refreshToken) {
    throw new Error(`accounts:${method} failed: ${response.status} ${JSON.stringify(result)}`);
  }
  return { uid: result.localId, idToken: result.idToken, refreshToken: result.refreshToken };
}

/** Signs up through the Auth emulator's public REST API, as a client app would. */
export function signUp(email: string, password: string): Promise<SignedInAccount> {
  return identityToolkit("signUp", { email, password });
}

export function signIn(email: string, password: string): Promise<SignedInAccount> {
  return identityToolkit("signInWithPassword", { email, password });
}

/** The claims inside an ID token (the emulator's tokens are unsigned JWTs; this only reads them). */
export function tokenClaims(idToken: string): Record<string, unknown> {
  const payload = idToken.split(".")[1] ?? "";
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
}

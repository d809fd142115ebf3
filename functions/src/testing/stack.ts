import { type App, getApps, initializeApp } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import { getDatabase } from "firebase-admin/database";
import { getFirestore } from "firebase-admin/firestore";

/** The stack's addresses, from the environment that `npm test` gives every test process. */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run tests with \`npm test\`, which starts the stack`);
  return value;
}

export const stack = {
  projectId: required("GCLOUD_PROJECT"),
  apiUrl: required("JIGA_API_URL"),
  functionsUrl: required("JIGA_FUNCTIONS_URL"),
  schedulerUrl: required("JIGA_SCHEDULER_URL"),
  firestoreHost: required("FIRESTORE_EMULATOR_HOST"),
  authHost: required("FIREBASE_AUTH_EMULATOR_HOST"),
  databaseHost: required("FIREBASE_DATABASE_EMULATOR_HOST"),
  /** The default Realtime Database instance, where database.rules.json applies and functions write. */
  databaseUrl: required("JIGA_DATABASE_URL"),
};

function adminApp(): App {
  return getApps()[0] ?? initializeApp({ projectId: stack.projectId, databaseURL: stack.databaseUrl });
}

/** Admin SDK handles on the stack's emulators, for arranging and checking state in tests. */
export const admin = {
  db: () => getFirestore(adminApp()),
  auth: () => getAuth(adminApp()),
  rtdb: () => getDatabase(adminApp()),
};

async function expectOk(response: Response, what: string): Promise<void> {
  if (!response.ok) throw new Error(`${what} failed: ${response.status} ${await response.text()}`);
}

/** Empties Firestore through the emulator's own reset endpoint. */
export async function resetFirestore(): Promise<void> {
  const url = `http://${stack.firestoreHost}/emulator/v1/projects/${stack.projectId}/databases/(default)/documents`;
  await expectOk(await fetch(url, { method: "DELETE" }), "Resetting Firestore");
}

/** Deletes every account through the Auth emulator's own reset endpoint. */
export async function resetAuth(): Promise<void> {
  const url = `http://${stack.authHost}/emulator/v1/projects/${stack.projectId}/accounts`;
  await expectOk(await fetch(url, { method: "DELETE" }), "Resetting Auth");
}

/** Empties the default Realtime Database instance (the owner token bypasses rules, as the Admin SDK does). */
export async function resetRealtimeDatabase(): Promise<void> {
  const url = new URL(stack.databaseUrl);
  url.pathname = "/.json";
  await expectOk(
    await fetch(url, { method: "DELETE", headers: { Authorization: "Bearer owner" } }),
    "Resetting RTDB",
  );
}

export async function resetStack(): Promise<void> {
  await Promise.all([resetFirestore(), resetAuth(), resetRealtimeDatabase()]);
}

/** Polls until `check` returns a value that is not undefined, or fails with `what` after the timeout. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A Realtime Database value read over REST with the owner token (as the Admin SDK would, bypassing rules),
 * so no database connection keeps the test process alive afterwards.
 */
export async function databaseValue(path: string): Promise<unknown> {
  const url = new URL(stack.databaseUrl);
  url.pathname = `/${path}.json`;
  const response = await fetch(url, { headers: { Authorization: "Bearer owner" } });
  await expectOk(response, `Reading ${path}`);
  return response.json();
}

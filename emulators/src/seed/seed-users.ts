import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type App, deleteApp, initializeApp } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import { repoRoot } from "../stack/paths.js";

export interface SeedUser {
  uid: string;
  email: string;
  password: string;
  displayName: string;
  claims: Record<string, unknown>;
}

export function readSeedUsers(): SeedUser[] {
  const file = join(repoRoot, "emulators", "seed", "users.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { users: SeedUser[] }).users;
}

function isUserNotFound(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && "code" in error && error.code === "auth/user-not-found"
  );
}

/**
 * Creates the demo accounts (known passwords, roles as custom claims) in the Auth emulator, through the Admin
 * SDK so the sign-up trigger creates their profiles as it would for anyone. Safe to run again.
 */
export async function seedUsers(projectId: string, authEmulatorHost: string): Promise<SeedUser[]> {
  process.env.FIREBASE_AUTH_EMULATOR_HOST = authEmulatorHost;
  const app: App = initializeApp({ projectId }, `seed-${Date.now()}`);
  try {
    const auth = getAuth(app);
    const users = readSeedUsers();
    for (const user of users) {
      const account = { email: user.email, password: user.password, displayName: user.displayName };
      try {
        await auth.updateUser(user.uid, account);
      } catch (error) {
        if (!isUserNotFound(error)) throw error;
        await auth.createUser({ uid: user.uid, ...account, emailVerified: true });
      }
      await auth.setCustomUserClaims(user.uid, user.claims);
    }
    return users;
  } finally {
    await deleteApp(app);
  }
}

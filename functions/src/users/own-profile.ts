import { AppError } from "../common/errors.js";
import { auth } from "../common/firebase.js";
import { createProfileForAccount } from "./create-profile.js";
import { profileRef } from "./repo.js";
import type { Profile } from "./schemas.js";

function isUserNotFound(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && "code" in error && error.code === "auth/user-not-found"
  );
}

/**
 * The caller's profile. The sign-up trigger normally creates it within a second of sign-up; a client that is
 * faster than the trigger gets it created here, from the same account data and with the same `create`,
 * so whichever runs second changes nothing.
 */
export async function ensureProfile(uid: string): Promise<Profile> {
  const existing = (await profileRef(uid).get()).data();
  if (existing) return existing;
  try {
    const account = await auth().getUser(uid);
    await createProfileForAccount(account);
  } catch (error) {
    if (isUserNotFound(error)) throw new AppError("notFound", "This account no longer exists.");
    throw error;
  }
  const created = (await profileRef(uid).get()).data();
  if (!created) throw new Error(`Profile ${uid} is missing right after its creation`);
  return created;
}

/** The email of the caller's account: from the ID token when it has one, else from Firebase Auth. */
export async function accountEmail(uid: string, fromToken: string | null): Promise<string | null> {
  if (fromToken) return fromToken;
  try {
    return (await auth().getUser(uid)).email ?? null;
  } catch (error) {
    if (isUserNotFound(error)) throw new AppError("notFound", "This account no longer exists.");
    throw error;
  }
}

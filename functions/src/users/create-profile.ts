import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { profileRef } from "./repo.js";
import { AvatarUrl, Profile } from "./schemas.js";

export interface NewAccount {
  uid: string;
  displayName?: string | undefined;
  photoURL?: string | undefined;
}

/** A name to greet the user with before they choose one: never the email address, which is private. */
function defaultDisplayName(account: NewAccount): string {
  return account.displayName?.trim().slice(0, 80) || `Player ${account.uid.slice(0, 6)}`;
}

/** The provider's photo when it is one we may show (https); the user can set another one later. */
function safeAvatarUrl(photoURL: string | undefined): string | null {
  const parsed = AvatarUrl.safeParse(photoURL);
  return parsed.success ? parsed.data : null;
}

/**
 * Creates the profile of a new account with default preferences. Runs on every sign-up
 * and again on a redelivered event: `create` makes the second run a no-op instead of resetting a profile in
 * use.
 */
export async function createProfileForAccount(account: NewAccount, now = Timestamp.now()): Promise<boolean> {
  // Parsing fills every preference with its default, the same defaults an older profile reads with.
  const profile = Profile.parse({
    uid: account.uid,
    displayName: defaultDisplayName(account),
    avatarUrl: safeAvatarUrl(account.photoURL),
    createdAt: now,
  });
  try {
    await profileRef(account.uid).create(profile);
    return true;
  } catch (error) {
    if (isAlreadyExists(error)) {
      logger.info("Profile already exists; sign-up event delivered again", { uid: account.uid });
      return false;
    }
    throw error;
  }
}

function isAlreadyExists(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === 6;
}

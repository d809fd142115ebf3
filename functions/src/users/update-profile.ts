import { z } from "zod";
import { db } from "../common/firebase.js";
import { CountryCode, TimeZoneInput } from "./locale.js";
import { ensureProfile } from "./own-profile.js";
import { profileRef } from "./repo.js";
import { AvatarUrl, type Preferences, type Profile } from "./schemas.js";

const optionalFlag = z.boolean().optional();

/**
 * `PUT /profile`: every field is optional and an omitted field keeps its value, down to each preference
 * flag; `null` clears avatarUrl, nationality and timezone. Objects are strict, so a key that is not listed
 * here (uid, email, presence, createdAt) is refused instead of silently ignored.
 */
export const UpdateProfileBody = z.strictObject({
  displayName: z.string().trim().min(1).max(80).optional(),
  avatarUrl: AvatarUrl.nullable().optional(),
  nationality: CountryCode.nullable().optional(),
  timezone: TimeZoneInput.nullable().optional(),
  preferences: z
    .strictObject({
      notifications: z
        .strictObject({
          email: optionalFlag,
          push: optionalFlag,
          marketing: optionalFlag,
          events: z
            .strictObject({ hires: optionalFlag, reviews: optionalFlag, payouts: optionalFlag })
            .optional(),
        })
        .optional(),
      privacy: z
        .strictObject({
          showOnlineStatus: optionalFlag,
          showStats: optionalFlag,
          showNationality: optionalFlag,
        })
        .optional(),
    })
    .optional(),
});
export type UpdateProfileBody = z.infer<typeof UpdateProfileBody>;

/** Keeps `current`'s value wherever `change` has none (undefined); null is a value. */
function merged<T extends object>(current: T, change: { [K in keyof T]?: T[K] | undefined } | undefined): T {
  const result = { ...current };
  for (const [key, value] of Object.entries(change ?? {}))
    if (value !== undefined) (result as Record<string, unknown>)[key] = value;
  return result;
}

function mergedPreferences(current: Preferences, change: UpdateProfileBody["preferences"]): Preferences {
  const notifications = current.notifications;
  return {
    notifications: {
      ...merged(notifications, { ...change?.notifications, events: undefined }),
      events: merged(notifications.events, change?.notifications?.events),
    },
    privacy: merged(current.privacy, change?.privacy),
  };
}

/** The profile after a `PUT /profile` body: a pure function, so the partial-update rules are unit-tested. */
export function applyProfileUpdate(profile: Profile, update: UpdateProfileBody): Profile {
  return {
    ...merged(profile, {
      displayName: update.displayName,
      avatarUrl: update.avatarUrl,
      nationality: update.nationality,
      timezone: update.timezone,
    }),
    preferences: mergedPreferences(profile.preferences, update.preferences),
  };
}

/**
 * Applies an update to the caller's profile in a transaction, so a concurrent presence write is
 * never overwritten with a stale copy. Returns the profile as stored.
 */
export async function updateOwnProfile(uid: string, update: UpdateProfileBody): Promise<Profile> {
  await ensureProfile(uid);
  const ref = profileRef(uid);
  return db().runTransaction(async (transaction) => {
    const current = (await transaction.get(ref)).data();
    if (!current) throw new Error(`Profile ${uid} vanished after it was ensured`);
    const next = applyProfileUpdate(current, update);
    transaction.set(ref, next);
    return next;
  });
}

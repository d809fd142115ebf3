import { Timestamp } from "firebase-admin/firestore";
import { z } from "zod";
import { CountryCode } from "./locale.js";

/** Whether the account is connected to JIGA right now, as of the moment its client last changed it. */
export const Presence = z.object({
  state: z.enum(["online", "offline"]),
  changedAtMs: z.number().int().nonnegative(),
});
export type Presence = z.infer<typeof Presence>;

export const AvatarUrl = z.url({ protocol: /^https$/ }).max(2048);

/** Which messages the account wants: channels first, then per kind of event. */
export const NotificationPreferences = z.object({
  email: z.boolean().default(true),
  push: z.boolean().default(true),
  /** Opt-in only: news and offers are never sent to someone who did not ask for them. */
  marketing: z.boolean().default(false),
  events: z
    .object({
      hires: z.boolean().default(true),
      reviews: z.boolean().default(true),
      payouts: z.boolean().default(true),
    })
    .prefault({}),
});

/** What the public view of the profile (`GET /users/{uid}`) may show. */
export const PrivacyPreferences = z.object({
  showOnlineStatus: z.boolean().default(true),
  showStats: z.boolean().default(true),
  showNationality: z.boolean().default(true),
});

export const Preferences = z.object({
  notifications: NotificationPreferences.prefault({}),
  privacy: PrivacyPreferences.prefault({}),
});
export type Preferences = z.infer<typeof Preferences>;

/**
 * `users/{uid}`: the profile of an account. Private account data (email, phone) stays in Firebase Auth and
 * never enters this document. Fields added after launch have defaults, so profiles written before them
 * still read (and gain the defaults on their next write). DOF balances live in the ledger, not here.
 */
export const Profile = z.object({
  uid: z.string().min(1),
  displayName: z.string().max(80),
  avatarUrl: AvatarUrl.nullable(),
  nationality: CountryCode.nullable().default(null),
  /** IANA name, canonical; null until the user chooses one. */
  timezone: z.string().max(64).nullable().default(null),
  preferences: Preferences.prefault({}),
  createdAt: z.instanceof(Timestamp),
  presence: Presence.optional(),
});
export type Profile = z.infer<typeof Profile>;

import { z } from "zod";
import { WalletView } from "../ledger/views.js";
import { Preferences, type Profile } from "../users/schemas.js";
import { PresenceView, presenceOf } from "../users/views.js";
import { MarketplaceStats } from "./marketplace-stats.js";

/**
 * The views of an account that join capabilities: the profile (users) with the wallet (ledger) or the
 * marketplace statistics (agents, marketplace).
 */

const WalletBalances = WalletView.omit({ recentTransactions: true });
type WalletBalances = z.infer<typeof WalletBalances>;

/** `GET /profile`: everything the owner may see, with the email from Firebase Auth (it is not stored). */
export const OwnProfileView = z.object({
  uid: z.string(),
  email: z.string().nullable(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
  nationality: z.string().nullable(),
  timezone: z.string().nullable(),
  preferences: Preferences,
  wallet: WalletBalances,
  presence: PresenceView.nullable(),
  createdAt: z.string(),
});
export type OwnProfileView = z.infer<typeof OwnProfileView>;

export function ownProfileView(
  profile: Profile,
  email: string | null,
  wallet: WalletBalances,
): OwnProfileView {
  return {
    uid: profile.uid,
    email,
    displayName: profile.displayName,
    avatarUrl: profile.avatarUrl,
    nationality: profile.nationality,
    timezone: profile.timezone,
    preferences: profile.preferences,
    wallet: { balanceDof: wallet.balanceDof, escrowDof: wallet.escrowDof, earnedDof: wallet.earnedDof },
    presence: presenceOf(profile),
    createdAt: profile.createdAt.toDate().toISOString(),
  };
}

/** `GET /profile/stats`: the public statistics plus the DOF the account has earned, which stays private. */
export const OwnStatsView = MarketplaceStats.extend({ dofEarned: z.number().int().nonnegative() });

/**
 * `GET /users/{uid}`: what anyone may see of an account. Fields the owner chose to hide are null, the same as
 * fields never filled in, so the answer does not even reveal what is hidden. Built field by field from the
 * profile (never by copying and deleting) so a field added to the profile later is private until added here.
 */
export const PublicProfileView = z.object({
  uid: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
  nationality: z.string().nullable(),
  presence: PresenceView.nullable(),
  stats: MarketplaceStats.nullable(),
  memberSince: z.string(),
});
export type PublicProfileView = z.infer<typeof PublicProfileView>;

export function publicProfileView(profile: Profile, stats: MarketplaceStats | null): PublicProfileView {
  const { privacy } = profile.preferences;
  return {
    uid: profile.uid,
    displayName: profile.displayName,
    avatarUrl: profile.avatarUrl,
    nationality: privacy.showNationality ? profile.nationality : null,
    presence: privacy.showOnlineStatus ? presenceOf(profile) : null,
    stats: privacy.showStats ? stats : null,
    memberSince: profile.createdAt.toDate().toISOString(),
  };
}

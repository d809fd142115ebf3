import { ApiRouter } from "../http/api-router.js";
import { Accounts } from "../ledger/accounts.js";
import { balanceOf } from "../ledger/repo.js";
import { WalletView } from "../ledger/views.js";
import { accountEmail, ensureProfile } from "../users/own-profile.js";
import { UpdateProfileBody, updateOwnProfile } from "../users/update-profile.js";
import { marketplaceStats } from "./marketplace-stats.js";
import { OwnProfileView, OwnStatsView, ownProfileView } from "./profile-views.js";
import { walletOf } from "./wallet.js";

/**
 * The caller's own profile. Reading is open to API keys with `profile:read` (a game client shows the
 * player's name and balance); changing it needs the person's ID token.
 */
export const profileRoutes = new ApiRouter()
  .route(
    "get",
    "/profile",
    {
      summary: "The caller's profile, preferences and wallet, with the account's email",
      access: "user",
      scope: "profile:read",
      response: OwnProfileView,
    },
    async ({ caller }) => {
      const [profile, email, wallet] = await Promise.all([
        ensureProfile(caller.uid),
        accountEmail(caller.uid, caller.email),
        walletOf(caller.uid),
      ]);
      return ownProfileView(profile, email, wallet);
    },
  )
  .route(
    "put",
    "/profile",
    {
      summary: "Change the caller's profile: only the fields sent change; null clears a nullable field",
      access: "user",
      rateLimitPerMinute: 30,
      body: UpdateProfileBody,
      response: OwnProfileView,
    },
    async ({ body, caller }) => {
      const [profile, email, wallet] = await Promise.all([
        updateOwnProfile(caller.uid, body),
        accountEmail(caller.uid, caller.email),
        walletOf(caller.uid),
      ]);
      return ownProfileView(profile, email, wallet);
    },
  )
  .route(
    "get",
    "/profile/stats",
    {
      summary: "The caller's marketplace statistics: agents, listings, hires, rating, DOF earned",
      access: "user",
      scope: "profile:read",
      response: OwnStatsView,
    },
    async ({ caller }) => {
      const [stats, earnedDof] = await Promise.all([
        marketplaceStats(caller.uid),
        balanceOf(Accounts.earnings(caller.uid)),
      ]);
      return { ...stats, dofEarned: earnedDof };
    },
  )
  .route(
    "get",
    "/profile/wallet",
    {
      summary: "The caller's DOF balances (spendable, held in escrow, earned) and latest transactions",
      access: "user",
      scope: "profile:read",
      response: WalletView,
    },
    async ({ caller }) => walletOf(caller.uid),
  )
  .finish();

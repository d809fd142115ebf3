import { z } from "zod";
import { AppError } from "../common/errors.js";
import { ApiRouter } from "../http/api-router.js";
import { readProfile } from "../users/repo.js";
import { marketplaceStats } from "./marketplace-stats.js";
import { PublicProfileView, publicProfileView } from "./profile-views.js";

// Auth mints alphanumeric uids; anything else (a slash, `..`) could not name a profile document anyway.
const UserParams = z.strictObject({ uid: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, "Not a user id.") });

/** Other people's profiles as the marketplace shows them: never email, wallet, preferences or timezone. */
export const publicProfileRoutes = new ApiRouter()
  .route(
    "get",
    "/users/:uid",
    {
      summary: "The public view of an account, within the privacy its owner chose",
      access: "public",
      scope: "marketplace:read",
      params: UserParams,
      response: PublicProfileView,
    },
    async ({ params }) => {
      const profile = await readProfile(params.uid);
      if (!profile) throw new AppError("notFound", "No such user.");
      // Hidden statistics are not computed at all: no cost, and nothing to leak by mistake.
      const stats = profile.preferences.privacy.showStats ? await marketplaceStats(profile.uid) : null;
      return publicProfileView(profile, stats);
    },
  )
  .finish();

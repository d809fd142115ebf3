import { auth } from "../common/firebase.js";
import { ApiRouter } from "../http/api-router.js";
import { exchangeRefreshToken, signInWithPassword } from "./identity-toolkit.js";
import { LoginBody, RefreshBody } from "./schemas.js";

/** Sign-in for REST clients without the Firebase SDK: the same sessions the SDKs get. */
export const authRoutes = new ApiRouter()
  .route(
    "post",
    "/auth/login",
    {
      summary: "Sign in with email and password (for REST clients without the Firebase SDK)",
      access: "public",
      // Per IP: slows password guessing without locking the account out for its owner.
      rateLimitPerMinute: 20,
      body: LoginBody,
    },
    ({ body }) => signInWithPassword(body.email, body.password),
  )
  .route(
    "post",
    "/auth/refresh",
    { summary: "Exchange a refresh token for a fresh ID token", access: "public", body: RefreshBody },
    ({ body }) => exchangeRefreshToken(body.refreshToken),
  )
  .route(
    "post",
    "/auth/logout",
    { summary: "Sign out everywhere: revokes every refresh token of the account", access: "user" },
    async ({ caller }) => {
      // Ends every session of the account: refresh tokens stop working, and ID tokens fail the revocation check.
      await auth().revokeRefreshTokens(caller.uid);
      return undefined;
    },
  )
  .route(
    "get",
    "/auth/user",
    {
      summary: "The signed-in account: uid, email and roles",
      access: "user",
      scope: "profile:read",
    },
    async ({ caller }) => {
      const user = await auth().getUser(caller.uid);
      return {
        uid: user.uid,
        email: user.email ?? null,
        emailVerified: user.emailVerified,
        displayName: user.displayName ?? null,
        roles: [...caller.roles].sort(),
        createdAt: new Date(user.metadata.creationTime).toISOString(),
      };
    },
  )
  .finish();

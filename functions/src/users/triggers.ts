import * as authV1 from "firebase-functions/v1/auth";

// Firebase has no second-generation trigger for account creation (only blocking functions, which need
// Identity Platform), so this one trigger uses the first-generation API. The profile code loads on the first
// sign-up rather than with the codebase, which every function instance loads on its cold start.
export const onAccountCreated = authV1.user().onCreate(async (user) => {
  const { createProfileForAccount } = await import("./create-profile.js");
  return createProfileForAccount(user);
});

import * as authV1 from "firebase-functions/v1/auth";
import { createProfileForAccount } from "./create-profile.js";

// Firebase has no second-generation trigger for account creation (only blocking functions, which need
// Identity Platform), so this one trigger uses the first-generation API.
export const onAccountCreated = authV1.user().onCreate((user) => createProfileForAccount(user));

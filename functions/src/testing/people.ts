import { signIn, signUp } from "./accounts.js";
import { waitForSignupsCounted } from "./signups.js";
import { admin } from "./stack.js";

export interface TestUser {
  uid: string;
  email: string;
  password: string;
  idToken: string;
  refreshToken: string;
}

export interface Roles {
  vendor?: boolean;
  admin?: boolean;
}

/**
 * Signs up one account per name (`<name>@example.com`), gives it the roles as custom claims, signs in again
 * so the ID token carries them, and waits until the sign-up triggers are done.
 */
export async function createUsers<Name extends string>(
  roles: Record<Name, Roles>,
): Promise<Record<Name, TestUser>> {
  const users = {} as Record<Name, TestUser>;
  for (const [name, claims] of Object.entries(roles) as [Name, Roles][]) {
    const email = `${name.toLowerCase()}@example.com`;
    const password = `${name}-password-1`;
    const account = await signUp(email, password);
    let session = account;
    if (claims.vendor || claims.admin) {
      await admin.auth().setCustomUserClaims(account.uid, { ...claims });
      session = await signIn(email, password);
    }
    users[name] = {
      uid: account.uid,
      email,
      password,
      idToken: session.idToken,
      refreshToken: session.refreshToken,
    };
  }
  const { users: all } = await admin.auth().listUsers(1000);
  await waitForSignupsCounted(all.length);
  return users;
}

/** Signs in again (after a logout revoked the old tokens), replacing the user's tokens in place. */
export async function signInAgain(user: TestUser): Promise<void> {
  const session = await signIn(user.email, user.password);
  user.idToken = session.idToken;
  user.refreshToken = session.refreshToken;
}

import { signIn, signUp } from "./accounts.js";
import { waitForSignupsCounted } from "./signups.js";
import { admin } from "./stack.js";

export interface TestUser {
  uid: string;
  email: string;
  password: string;
  idToken: string;
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
    let idToken = account.idToken;
    if (claims.vendor || claims.admin) {
      await admin.auth().setCustomUserClaims(account.uid, { ...claims });
      idToken = (await signIn(email, password)).idToken;
    }
    users[name] = { uid: account.uid, email, password, idToken };
  }
  const { users: all } = await admin.auth().listUsers(1000);
  await waitForSignupsCounted(all.length);
  return users;
}

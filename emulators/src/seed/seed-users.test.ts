import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { signIn, tokenClaims } from "../../../functions/src/testing/accounts.js";
import { waitForSignupsCounted } from "../../../functions/src/testing/signups.js";
import { admin, eventually, resetStack, stack } from "../../../functions/src/testing/stack.js";
import { seedUsers } from "./seed-users.js";

describe("demo seed", () => {
  beforeEach(resetStack);

  it("creates accounts that sign in with their known passwords and carry their roles", async () => {
    const users = await seedUsers(stack.projectId, stack.authHost);
    assert.ok(users.length >= 3);
    for (const user of users) {
      const account = await signIn(user.email, user.password);
      assert.equal(account.uid, user.uid);
      const claims = tokenClaims(account.idToken);
      for (const [claim, value] of Object.entries(user.claims)) assert.equal(claims[claim], value);
    }
    const roles = users.map((user) => Object.keys(user.claims).join(",") || "player");
    assert.deepEqual(roles.sort(), ["admin", "player", "vendor"]);
    await waitForSignupsCounted(users.length);
  });

  it("gives every demo account its profile, and can run again without harm", async () => {
    const users = await seedUsers(stack.projectId, stack.authHost);
    await seedUsers(stack.projectId, stack.authHost);
    for (const user of users) {
      const profile = await eventually(`${user.uid}'s profile`, async () => {
        const snapshot = await admin.db().doc(`users/${user.uid}`).get();
        return snapshot.exists ? snapshot.data() : undefined;
      });
      assert.equal(profile.displayName, user.displayName);
    }
    assert.equal((await admin.auth().listUsers()).users.length, users.length);
    await waitForSignupsCounted(users.length);
  });
});

import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { signUp } from "../testing/accounts.js";
import { waitForSignupsCounted } from "../testing/signups.js";
import { admin, eventually, resetStack } from "../testing/stack.js";

describe("Auth trigger onAccountCreated", () => {
  beforeEach(resetStack);

  it("creates the profile of a new account with an empty wallet, default preferences and no private data", async () => {
    const account = await signUp("newcomer@example.com", "secret-pass-1");
    const profile = await eventually("the profile document", async () => {
      const snapshot = await admin.db().doc(`users/${account.uid}`).get();
      return snapshot.exists ? snapshot.data() : undefined;
    });
    assert.equal(profile.uid, account.uid);
    assert.equal(profile.displayName, `Player ${account.uid.slice(0, 6)}`);
    assert.equal(profile.avatarUrl, null);
    assert.equal(profile.wallet, undefined, "balances live in the ledger, not on the profile");
    assert.equal(profile.nationality, null);
    assert.equal(profile.timezone, null);
    assert.deepEqual(profile.preferences, {
      notifications: {
        email: true,
        push: true,
        marketing: false,
        events: { hires: true, reviews: true, payouts: true },
      },
      privacy: { showOnlineStatus: true, showStats: true, showNationality: true },
    });
    assert.ok(
      !JSON.stringify(profile).includes("newcomer@example.com"),
      "the email must not enter the profile",
    );
    await waitForSignupsCounted(1);
  });

  it("keeps the display name an account was created with", async () => {
    const created = await admin.auth().createUser({ email: "named@example.com", displayName: "Nia Named" });
    const profile = await eventually("the profile document", async () => {
      const snapshot = await admin.db().doc(`users/${created.uid}`).get();
      return snapshot.exists ? snapshot.data() : undefined;
    });
    assert.equal(profile.displayName, "Nia Named");
    await waitForSignupsCounted(1);
  });
});

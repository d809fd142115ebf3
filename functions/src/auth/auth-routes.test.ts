import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { signUp } from "../testing/accounts.js";
import { call, type ErrorBody } from "../testing/api-client.js";
import { waitForSignupsCounted } from "../testing/signups.js";
import { admin, resetStack } from "../testing/stack.js";

const login = (email: string, password: string) => call("POST", "/auth/login", { body: { email, password } });

describe("REST sign-in: /v1/auth/*", () => {
  beforeEach(async () => {
    await resetStack();
    const vendor = await signUp("vendor@example.com", "vendor-pass-1");
    await admin.auth().setCustomUserClaims(vendor.uid, { vendor: true });
    await signUp("player@example.com", "player-pass-1");
    await waitForSignupsCounted(2);
  });

  it("signs in with email and password and tells the caller who they are", async () => {
    const session = await login("vendor@example.com", "vendor-pass-1");
    assert.equal(session.status, 200);
    assert.equal(typeof session.json.idToken, "string");
    assert.equal(typeof session.json.refreshToken, "string");
    assert.ok(session.json.expiresInSeconds > 0);

    const me = await call("GET", "/auth/user", { token: session.json.idToken });
    assert.equal(me.status, 200);
    assert.equal(me.json.uid, session.json.uid);
    assert.equal(me.json.email, "vendor@example.com");
    assert.deepEqual(me.json.roles, ["user", "vendor"]);
  });

  it("refuses a wrong password and an unknown email alike, without telling which", async () => {
    const wrongPassword = await login("player@example.com", "not-the-password");
    const unknownEmail = await login("nobody@example.com", "player-pass-1");
    for (const response of [wrongPassword, unknownEmail]) {
      assert.equal(response.status, 401);
      assert.equal((response.json as ErrorBody).error.code, "unauthenticated");
    }
    assert.equal(wrongPassword.json.error.message, unknownEmail.json.error.message);
  });

  it("rejects malformed bodies with field-level details", async () => {
    const response = await call("POST", "/auth/login", { body: { email: "not-an-email", extra: 1 } });
    assert.equal(response.status, 400);
    const body = response.json as ErrorBody;
    assert.equal(body.error.code, "invalidArgument");
    const paths = (body.error.details.issues as { path: string }[]).map((issue) => issue.path).sort();
    assert.deepEqual(paths, ["body", "body.email", "body.password"]);
  });

  it("exchanges a refresh token for a fresh ID token", async () => {
    const session = await login("player@example.com", "player-pass-1");
    const refreshed = await call("POST", "/auth/refresh", {
      body: { refreshToken: session.json.refreshToken },
    });
    assert.equal(refreshed.status, 200);
    assert.equal(refreshed.json.uid, session.json.uid);
    const me = await call("GET", "/auth/user", { token: refreshed.json.idToken });
    assert.equal(me.status, 200);
  });

  // Production also refuses the refresh token after logout; the Auth emulator keeps honouring it, so only the
  // ID token's revocation can be shown here.
  it("ends every session on logout: the ID token stops working", async () => {
    const session = await login("player@example.com", "player-pass-1");
    // Revocation compares whole seconds, so a token signed in just before the logout could survive it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const logout = await call("POST", "/auth/logout", { token: session.json.idToken });
    assert.equal(logout.status, 204);

    const me = await call("GET", "/auth/user", { token: session.json.idToken });
    assert.equal(me.status, 401);
    assert.equal(me.json.error.details.reason, "id-token-revoked");
  });

  it("requires a valid ID token where a route needs a user", async () => {
    assert.equal((await call("GET", "/auth/user")).status, 401);
    assert.equal((await call("GET", "/auth/user", { token: "not-a-token" })).status, 401);
    assert.equal((await call("POST", "/auth/logout")).status, 401);
  });

  it("answers a known path's other methods with 405 and Allow", async () => {
    const response = await call("GET", "/auth/login");
    assert.equal(response.status, 405);
    assert.equal(response.headers.get("allow"), "POST");
    assert.equal((response.json as ErrorBody).error.code, "methodNotAllowed");
  });
});

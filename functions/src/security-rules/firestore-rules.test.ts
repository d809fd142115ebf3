import { readFileSync } from "node:fs";
import { after, before, beforeEach, describe, it } from "node:test";
import {
  assertFails,
  assertSucceeds,
  initializeTestEnvironment,
  type RulesTestEnvironment,
} from "@firebase/rules-unit-testing";
import { doc, getDoc, setDoc } from "firebase/firestore";
import { stack } from "../testing/stack.js";

const rulesFile = new URL("../../../firestore.rules", import.meta.url);

describe("firestore.rules (evaluated by the Firestore emulator)", () => {
  let env: RulesTestEnvironment;

  before(async () => {
    const [host, port] = stack.firestoreHost.split(":");
    env = await initializeTestEnvironment({
      projectId: stack.projectId,
      firestore: { host, port: Number(port), rules: readFileSync(rulesFile, "utf8") },
    });
  });
  after(() => env.cleanup());

  beforeEach(async () => {
    await env.clearFirestore();
    await env.withSecurityRulesDisabled(async (context) => {
      await setDoc(doc(context.firestore(), "users/alice"), { uid: "alice", displayName: "Alice" });
      await setDoc(doc(context.firestore(), "platformStats/totals"), { totalUsers: 1 });
    });
  });

  it("lets a signed-in user read their own profile", async () => {
    await assertSucceeds(getDoc(doc(env.authenticatedContext("alice").firestore(), "users/alice")));
  });

  it("refuses another user's profile, and everyone signed out", async () => {
    await assertFails(getDoc(doc(env.authenticatedContext("bob").firestore(), "users/alice")));
    await assertFails(getDoc(doc(env.unauthenticatedContext().firestore(), "users/alice")));
  });

  it("refuses client writes to a profile, even the owner's (writes go through the API)", async () => {
    const alice = env.authenticatedContext("alice").firestore();
    await assertFails(setDoc(doc(alice, "users/alice"), { uid: "alice", displayName: "Hacked" }));
  });

  it("denies by default every path no rule opens", async () => {
    const admin = env.authenticatedContext("root", { admin: true }).firestore();
    await assertFails(getDoc(doc(admin, "platformStats/totals")));
    await assertFails(setDoc(doc(admin, "anything/at-all"), { x: 1 }));
    await assertFails(getDoc(doc(env.unauthenticatedContext().firestore(), "processedEvents/some-key")));
  });
});

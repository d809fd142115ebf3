import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, it } from "node:test";
import { onDisconnect, ref, serverTimestamp, set } from "firebase/database";
import { signUp } from "../testing/accounts.js";
import { type ClientApp, signedInClient } from "../testing/client-app.js";
import { databaseWrittenEvent, deliverEvent } from "../testing/deliver-event.js";
import { waitForSignupsCounted } from "../testing/signups.js";
import { admin, eventually, resetStack } from "../testing/stack.js";

async function profilePresence(uid: string, state: string) {
  return eventually(`${uid} ${state}`, async () => {
    const presence = (await admin.db().doc(`users/${uid}`).get()).data()?.presence;
    return presence?.state === state ? presence : undefined;
  });
}

describe("presence (Realtime Database trigger onPresenceWritten)", () => {
  const clients: ClientApp[] = [];
  let alice: { uid: string };

  beforeEach(async () => {
    await resetStack();
    alice = await signUp("alice@example.com", "alice-pass-1");
    await signUp("bob@example.com", "bob-pass-1");
    await waitForSignupsCounted(2);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });

  it("mirrors a client's presence onto its profile, and its onDisconnect when the client drops", async () => {
    const client = await signedInClient("alice@example.com", "alice-pass-1");
    const own = ref(client.database, `presence/${client.uid}`);
    await onDisconnect(own).set({ state: "offline", changedAtMs: serverTimestamp() });
    await set(own, { state: "online", changedAtMs: serverTimestamp() });

    const online = await profilePresence(alice.uid, "online");
    assert.ok(Math.abs(online.changedAtMs - Date.now()) < 60_000, "the server's clock stamps the change");

    await client.close();
    const offline = await profilePresence(alice.uid, "offline");
    assert.ok(offline.changedAtMs >= online.changedAtMs);
  });

  it("lets a client write only its own, well-formed presence", async () => {
    const client = await signedInClient("alice@example.com", "alice-pass-1");
    clients.push(client);
    const bobs = ref(client.database, "presence/bob");
    await assert.rejects(
      set(bobs, { state: "online", changedAtMs: serverTimestamp() }),
      /permission_denied/i,
    );
    const own = ref(client.database, `presence/${client.uid}`);
    await assert.rejects(set(own, { state: "busy", changedAtMs: serverTimestamp() }), /permission_denied/i);
    await assert.rejects(
      set(own, { state: "online", changedAtMs: Date.now() + 3_600_000 }),
      /permission_denied/i,
    );
  });

  it("applies a redelivered event once and never lets an older one win", async () => {
    const headers = { "Content-Type": "application/cloudevents+json" };
    const newer = databaseWrittenEvent({
      id: randomUUID(),
      ref: `presence/${alice.uid}`,
      before: null,
      after: { state: "online", changedAtMs: 2_000 },
    });
    await deliverEvent("onPresenceWritten", newer, headers);
    const first = await admin.db().doc(`users/${alice.uid}`).get();
    assert.deepEqual(first.data()?.presence, { state: "online", changedAtMs: 2_000 });

    await deliverEvent("onPresenceWritten", newer, headers);
    const older = {
      ...newer,
      id: randomUUID(),
      data: { data: null, delta: { state: "offline", changedAtMs: 1_000 } },
    };
    await deliverEvent("onPresenceWritten", older, headers);

    const after = await admin.db().doc(`users/${alice.uid}`).get();
    assert.deepEqual(after.data()?.presence, { state: "online", changedAtMs: 2_000 });
    assert.ok(
      after.updateTime?.isEqual(first.updateTime as NonNullable<typeof first.updateTime>),
      "no second write",
    );
  });
});

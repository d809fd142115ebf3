import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { beforeEach, describe, it } from "node:test";
import { deliverEvent, firestoreCreatedEvent } from "../testing/deliver-event.js";
import { waitForSignupsCounted } from "../testing/signups.js";
import { admin, resetStack } from "../testing/stack.js";

async function totalUsers(): Promise<number> {
  const snapshot = await admin.db().doc("platformStats/totals").get();
  return (snapshot.data()?.totalUsers as number | undefined) ?? 0;
}

describe("Firestore trigger onProfileCreated", () => {
  beforeEach(resetStack);

  it("counts each new profile in the platform totals", async () => {
    await admin.db().doc("users/first").set({ uid: "first" });
    await admin.db().doc("users/second").set({ uid: "second" });
    await waitForSignupsCounted(2);
  });

  it("counts an event delivered twice only once", async () => {
    const event = firestoreCreatedEvent({
      id: randomUUID(),
      document: "users/redelivered",
      fields: { uid: { stringValue: "redelivered" } },
    });
    const headers = { "Content-Type": "application/cloudevents+json" };
    await deliverEvent("onProfileCreated", event, headers);
    await deliverEvent("onProfileCreated", event, headers);
    assert.equal(await totalUsers(), 1);

    await deliverEvent("onProfileCreated", { ...event, id: randomUUID() }, headers);
    assert.equal(await totalUsers(), 2, "a different event is a different sign-up");
  });
});

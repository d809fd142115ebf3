import assert from "node:assert/strict";
import { afterEach, before, describe, it } from "node:test";
import { Collections } from "../common/collections.js";
import { call } from "../testing/api-client.js";
import { deliverEvent } from "../testing/deliver-event.js";
import { feedOf } from "../testing/feeds.js";
import { firestoreWrittenEvent } from "../testing/firestore-events.js";
import { hire, reportUsage, runSettlement, runtimeKey } from "../testing/hiring.js";
import { assertLedgerInvariants } from "../testing/ledger-invariants.js";
import { createAgent, freshStackWithUsers, publishActive } from "../testing/marketplace-fixtures.js";
import type { TestUser } from "../testing/people.js";
import { admin, databaseValue, eventually } from "../testing/stack.js";
import { grantDof } from "../testing/wallets.js";

const headers = { "Content-Type": "application/cloudevents+json" };

describe("publishSessionChanges: the live meter and feeds under redelivery", () => {
  let vendor: TestUser;
  let player: TestUser;
  let listingId: string;

  before(async () => {
    let moderator: TestUser;
    ({ vendor, player, moderator } = await freshStackWithUsers({
      vendor: { vendor: true },
      player: {},
      moderator: { admin: true },
    }));
    listingId = await createAgent(vendor.uid);
    await publishActive(vendor, moderator, listingId);
  });
  afterEach(async () => {
    await assertLedgerInvariants();
  });

  it("keeps the newest state and the same feed when old and repeated changes arrive late", async () => {
    await grantDof(player.uid, 500);
    const { sessionId } = (await hire(player, listingId)).json;
    const sessionDoc = admin.db().collection(Collections.sessions).doc(sessionId);
    const firstVersion = (await sessionDoc.get()).data();
    await reportUsage(await runtimeKey(vendor), sessionId, { activeMinutes: 12 });
    await call("DELETE", `/sessions/${sessionId}`, { token: player.idToken });
    await runSettlement();
    const settledLive = await eventually("the live meter settled", async () => {
      const live = (await databaseValue(`liveSessions/${sessionId}`)) as { status: string } | null;
      return live?.status === "settled" ? live : undefined;
    });
    const feedBefore = (await feedOf(player.uid, "session.")).map((event) => event.key);

    // The creation event, delivered again long after, twice: nothing moves back, nothing is added.
    const creation = firestoreWrittenEvent({
      document: `${Collections.sessions}/${sessionId}`,
      after: firstVersion,
    });
    await deliverEvent("publishSessionChanges", creation, headers);
    await deliverEvent("publishSessionChanges", creation, headers);

    assert.deepEqual(await databaseValue(`liveSessions/${sessionId}`), settledLive);
    assert.deepEqual(
      (await feedOf(player.uid, "session.")).map((event) => event.key),
      feedBefore,
    );
  });
});

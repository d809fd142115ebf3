// The browser SDK's WebChannel streams through the guard. The browser build of the firebase JS SDK
// runs here as in a browser: with useFetchStreams its WebChannel uses fetch and streamed response
// bodies, which Node has, instead of XMLHttpRequest, which it lacks.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { deleteApp, initializeApp } from "firebase/app";
import type { QuerySnapshot } from "firebase/firestore";
import type { TestGuard } from "./test-harness.js";
import { clearCollections, PROJECT_ID, startTestGuard, writeIndexesFile } from "./test-harness.js";

type FirestoreSdk = typeof import("firebase/firestore");

const ITEMS = "guard_wc_items";
const BY_SELLER_PRICE = {
  collectionGroup: ITEMS,
  queryScope: "COLLECTION",
  fields: [
    { fieldPath: "seller", order: "ASCENDING" },
    { fieldPath: "price", order: "DESCENDING" },
  ],
};

/** The browser ESM build of @firebase/firestore (the one bundlers pick for web apps). */
async function browserSdk(): Promise<FirestoreSdk> {
  const nodeBuild = createRequire(import.meta.url).resolve("@firebase/firestore");
  const url = pathToFileURL(join(dirname(nodeBuild), "index.esm.js")).href;
  return (await import(url)) as FirestoreSdk;
}

// A closing browser page does not wait for the SDK's timers; a Node process does, and terminate()
// leaves the WebChannel's 45 s request watchdog behind here. The SDK's timers therefore do not hold
// this process open (the guard's listening socket keeps it alive while the test runs).
const setTimer = globalThis.setTimeout;
const unrefTimers = ((...args: Parameters<typeof setTimeout>) =>
  setTimer(...args).unref()) as unknown as typeof setTimeout;

describe("WebChannel (browser SDK) through the guard", () => {
  let t: TestGuard;
  let sdk: FirestoreSdk;
  before(async () => {
    globalThis.setTimeout = unrefTimers;
    t = await startTestGuard(writeIndexesFile({ indexes: [] }));
    await clearCollections(t.db, ITEMS);
    for (const [id, price, seller] of [
      ["a", 1, "s1"],
      ["b", 2, "s1"],
      ["c", 3, "s2"],
    ] as const)
      await t.db.doc(`${ITEMS}/${id}`).set({ price, seller });
    sdk = await browserSdk();
    sdk.setLogLevel("silent"); // the rejected listener is reported to its error callback, asserted below
  });
  after(async () => {
    globalThis.setTimeout = setTimer;
    await clearCollections(t.db, ITEMS);
    await t.close();
  });

  test("a listen needing a missing index gets REMOVE/FAILED_PRECONDITION; an allowed one its documents, billed", async () => {
    const app = initializeApp({ projectId: PROJECT_ID, apiKey: "demo-key" }, `guard-wc-${process.pid}`);
    const db = sdk.initializeFirestore(app, { useFetchStreams: true } as Parameters<
      FirestoreSdk["initializeFirestore"]
    >[1]);
    sdk.connectFirestoreEmulator(db, t.guard.host, t.guard.port, { mockUserToken: "owner" });
    const { collection, doc, onSnapshot, orderBy, query, setDoc, where } = sdk;
    try {
      // The first target travels in the channel's handshake; the guard keeps it from the emulator.
      const newest = query(collection(db, ITEMS), where("seller", "==", "s1"), orderBy("price", "desc"));
      const error = await new Promise<{ code?: string; message?: string }>((resolve, reject) => {
        onSnapshot(newest, () => reject(new Error("snapshot delivered without the index")), resolve);
      });
      assert.equal(error.code, "failed-precondition");
      assert.ok(error.message?.includes(JSON.stringify(BY_SELLER_PRICE)), error.message);

      // The next target goes on the same channel, after the guard's own message: ids stay in order.
      await t.guard.resetUsage(PROJECT_ID);
      const snapshots: QuerySnapshot[] = [];
      let wake = (): void => {};
      // With metadata changes, the server's confirmation of a local write is a snapshot of its own.
      const cheap = query(collection(db, ITEMS), where("price", ">", 1));
      const stop = onSnapshot(cheap, { includeMetadataChanges: true }, (snapshot) => {
        if (!snapshot.metadata.hasPendingWrites && !snapshot.metadata.fromCache) snapshots.push(snapshot);
        wake();
      });
      const serverSnapshotWith = (ids: string[]) =>
        new Promise<void>((resolve) => {
          wake = () => {
            const latest = snapshots.at(-1)?.docs.map((d) => d.id);
            if (JSON.stringify(latest) === JSON.stringify(ids)) resolve();
          };
          wake();
        });
      await serverSnapshotWith(["b", "c"]);
      const usage = await t.guard.usage(PROJECT_ID);
      assert.equal(usage.byMethod.Listen?.reads, 2);

      // A write over the Write channel is billed when acknowledged; the listener sees it (1 more read).
      await setDoc(doc(db, ITEMS, "d"), { price: 4, seller: "s3" });
      await serverSnapshotWith(["b", "c", "d"]);
      const after = await t.guard.usage(PROJECT_ID);
      assert.equal(after.byMethod.Write?.writes, 1);
      assert.equal(after.documents[`${ITEMS}/d`]?.writes, 1);
      assert.equal(after.byMethod.Listen?.reads, 3);
      stop();
    } finally {
      await sdk.terminate(db);
      await deleteApp(app);
    }
  });
});

// With the guard in between, clients see exactly what the bare emulator gives them: errors and their
// messages, trailers and metadata, transactions under contention, client-SDK listeners, and the
// emulator's own HTTP endpoints.
import assert from "node:assert/strict";
import http2 from "node:http2";
import { after, before, describe, test } from "node:test";
import { deleteApp as deleteClientApp, initializeApp as initializeClientApp } from "firebase/app";
import {
  doc as clientDoc,
  connectFirestoreEmulator,
  getFirestore as getClientFirestore,
  onSnapshot,
  setDoc,
  terminate as terminateClient,
} from "firebase/firestore";
import type { Firestore } from "firebase-admin/firestore";
import { FieldValue } from "firebase-admin/firestore";
import type { GrpcLikeError, TestGuard } from "./test-harness.js";
import {
  adminFirestore,
  PROJECT_ID,
  startTestGuard,
  upstreamHost,
  writeIndexesFile,
} from "./test-harness.js";

const DOCS = "guard_tx_docs";
const DATABASE = `projects/${PROJECT_ID}/databases/(default)`;

describe("transparency", () => {
  let t: TestGuard;
  let bare: Firestore;
  before(async () => {
    t = await startTestGuard(writeIndexesFile({ indexes: [] }));
    bare = adminFirestore(upstreamHost());
  });
  after(async () => {
    await bare.recursiveDelete(bare.collection(DOCS));
    await bare.terminate();
    await t.close();
  });

  test("HTTP DELETE of the emulator's documents endpoint resets through the guard", async () => {
    await bare.doc(`${DOCS}/before-reset`).set({ x: 1 });
    const url = `http://${t.guard.address}/emulator/v1/projects/${PROJECT_ID}/databases/(default)/documents`;
    const response = await fetch(url, { method: "DELETE" });
    assert.equal(response.status, 200);
    assert.equal((await bare.doc(`${DOCS}/before-reset`).get()).exists, false);
  });

  test("REST reads and PUT …:securityRules answer as the bare emulator does", async () => {
    await bare.doc(`${DOCS}/rest`).set({ x: 1 });
    const path = `/v1/${DATABASE}/documents/${DOCS}/rest`;
    const viaGuard = await fetch(`http://${t.guard.address}${path}`, {
      headers: { authorization: "Bearer owner" },
    });
    const direct = await fetch(`http://${upstreamHost()}${path}`, {
      headers: { authorization: "Bearer owner" },
    });
    assert.equal(viaGuard.status, direct.status);
    assert.deepEqual(await viaGuard.json(), await direct.json());

    // Deliberately broken rules: the emulator rejects them and keeps the rules in force, so this
    // does not disturb other tests sharing the emulator.
    const rulesPath = `/emulator/v1/projects/${PROJECT_ID}:securityRules`;
    const rules = { files: [{ name: "firestore.rules", content: "service cloud.firestore { match" }] };
    const body = JSON.stringify({ rules });
    const put = (host: string) =>
      fetch(`http://${host}${rulesPath}`, {
        method: "PUT",
        body,
        headers: { "content-type": "application/json" },
      });
    const [guarded, bareRules] = await Promise.all([put(t.guard.address), put(upstreamHost())]);
    assert.equal(guarded.status, bareRules.status);
    assert.notEqual(guarded.status, 200);
    assert.equal(await guarded.text(), await bareRules.text());
  });

  test("ALREADY_EXISTS from create() arrives with the emulator's code and message", async () => {
    await t.db.doc(`${DOCS}/dup`).create({ x: 1 });
    const failure = (db: Firestore) =>
      db
        .doc(`${DOCS}/dup`)
        .create({ x: 2 })
        .then(
          () => assert.fail("created twice"),
          (e: GrpcLikeError) => e,
        );
    const [guarded, direct] = await Promise.all([failure(t.db), failure(bare)]);
    assert.equal(guarded.code, 6);
    assert.equal(guarded.details, direct.details);
  });

  test("response headers and trailers (grpc-status, grpc-message, metadata) are relayed unchanged", async () => {
    const call = (host: string) =>
      new Promise<{ headers: Record<string, unknown>; trailers: Record<string, unknown> }>(
        (resolve, reject) => {
          const session = http2.connect(`http://${host}`);
          session.on("error", reject);
          // GetDocument on a missing document: a gRPC error status with a message and metadata.
          const name = Buffer.from(`${DATABASE}/documents/${DOCS}/missing`);
          const message = Buffer.concat([Buffer.from([0x0a, name.length]), name]);
          const frame = Buffer.concat([Buffer.from([0, 0, 0, 0, message.length]), message]);
          const stream = session.request({
            ":method": "POST",
            ":path": "/google.firestore.v1.Firestore/GetDocument",
            "content-type": "application/grpc",
            te: "trailers",
            authorization: "Bearer owner",
            "x-jiga-test": "metadata",
          });
          let headers: Record<string, unknown> = {};
          let trailers: Record<string, unknown> = {};
          stream.on("response", (h) => {
            headers = { ...h };
          });
          stream.on("trailers", (h) => {
            trailers = { ...h };
          });
          stream.on("data", () => {});
          stream.on("close", () => {
            session.close();
            delete headers.date;
            resolve({ headers, trailers });
          });
          stream.end(frame);
        },
      );
    const [guarded, direct] = await Promise.all([call(t.guard.address), call(upstreamHost())]);
    assert.deepEqual(guarded, direct);
    const status = guarded.trailers["grpc-status"] ?? guarded.headers["grpc-status"];
    assert.equal(status, "5");
  });

  test("transactions contending for one document all commit, each exactly once", async () => {
    const counter = t.db.doc(`${DOCS}/counter`);
    await counter.set({ n: 0 });
    await t.guard.resetUsage(PROJECT_ID);
    await Promise.all(
      Array.from({ length: 5 }, () =>
        t.db.runTransaction(async (tx) => {
          const snap = await tx.get(counter);
          tx.update(counter, { n: Number(snap.get("n")) + 1, at: FieldValue.serverTimestamp() });
        }),
      ),
    );
    assert.equal((await bare.doc(`${DOCS}/counter`).get()).get("n"), 5);
    // Aborted attempts are retried by the SDK; only the commits that succeeded are billed.
    const usage = await t.guard.usage(PROJECT_ID);
    assert.equal(usage.documents[`${DOCS}/counter`]?.writes, 5);
  });

  test("a firebase JS SDK listener (gRPC) sees the initial document and an update; its writes are billed", async () => {
    await bare.doc(`${DOCS}/watched`).set({ v: 1 });
    const app = initializeClientApp(
      { projectId: PROJECT_ID, apiKey: "demo-key" },
      `guard-client-${process.pid}`,
    );
    const db = getClientFirestore(app);
    // "owner" is the emulator's admin token: the listener works whatever security rules are loaded.
    connectFirestoreEmulator(db, t.guard.host, t.guard.port, { mockUserToken: "owner" });
    const values: unknown[] = [];
    let wake = (): void => {};
    const stop = onSnapshot(clientDoc(db, DOCS, "watched"), (snapshot) => {
      if (!snapshot.metadata.hasPendingWrites) values.push(snapshot.get("v"));
      wake();
    });
    const waitFor = (count: number) =>
      new Promise<void>((resolve) => {
        wake = () => values.length >= count && resolve();
        wake();
      });
    try {
      await waitFor(1);
      await bare.doc(`${DOCS}/watched`).update({ v: 2 });
      await waitFor(2);
      assert.deepEqual(values.slice(0, 2), [1, 2]);
      // A write from the client SDK goes over its Write stream and is billed when acknowledged.
      await t.guard.resetUsage(PROJECT_ID);
      await setDoc(clientDoc(db, DOCS, "from-client"), { v: 3 });
      const usage = await t.guard.usage(PROJECT_ID);
      assert.equal(usage.byMethod.Write?.writes, 1);
      assert.equal(usage.documents[`${DOCS}/from-client`]?.writes, 1);
    } finally {
      stop();
      await terminateClient(db);
      await deleteClientApp(app);
    }
  });
});

/**
 * Compare-and-set transactions under contention and onDisconnect operations, through the
 * client and admin SDKs.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { deleteApp, type FirebaseApp, initializeApp } from "firebase/app";
import {
  connectDatabaseEmulator,
  type Database,
  getDatabase,
  goOffline,
  onDisconnect,
  onValue,
  ref,
  runTransaction,
  serverTimestamp,
} from "firebase/database";
import { deleteApp as deleteAdminApp, initializeApp as initializeAdminApp } from "firebase-admin/app";
import { type Database as AdminDatabase, getDatabase as getAdminDatabase } from "firebase-admin/database";
import { type RunningDatabaseEmulator, startDatabaseEmulator } from "./index.js";

// These tests run an emulator of their own; under `npm test` the stack's variable would point the Admin SDK
// at the stack's emulator instead.
delete process.env.FIREBASE_DATABASE_EMULATOR_HOST;

const NS = "tx-test";
let emulator: RunningDatabaseEmulator;
let admin: AdminDatabase;
const cleanups: Array<() => Promise<void>> = [];

before(async () => {
  emulator = await startDatabaseEmulator({ port: 0, log: () => {} });
  const adminApp = initializeAdminApp(
    { databaseURL: `http://127.0.0.1:${emulator.port}?ns=${NS}` },
    `admin-${NS}`,
  );
  admin = getAdminDatabase(adminApp);
  cleanups.push(() => deleteAdminApp(adminApp));
});

after(async () => {
  for (const cleanup of cleanups) await cleanup();
  await emulator.close();
});

function newClient(name: string, deleteAfter = true): { app: FirebaseApp; db: Database } {
  const app = initializeApp(
    { projectId: "demo-jiga", databaseURL: `http://127.0.0.1:${emulator.port}?ns=${NS}` },
    name,
  );
  const db = getDatabase(app);
  connectDatabaseEmulator(db, "127.0.0.1", emulator.port);
  if (deleteAfter) cleanups.push(() => deleteApp(app));
  return { app, db };
}

async function waitUntil(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test("20 clients x 10 transactional increments lose no update", async () => {
  const clients = Array.from({ length: 20 }, (_, i) => newClient(`tx-client-${i}`));
  await Promise.all(
    clients.map(async ({ db }) => {
      for (let i = 0; i < 10; i++) {
        const result = await runTransaction(
          ref(db, "counter"),
          (current: number | null) => (current ?? 0) + 1,
        );
        assert.equal(result.committed, true);
      }
    }),
  );
  assert.equal((await admin.ref("counter").once("value")).val(), 200);
});

test("a transaction can abort and sees the server's current value", async () => {
  await admin.ref("stock").set({ count: 1, updatedBy: "seed" });
  const { db } = newClient("tx-abort");
  // Keep the value cached, so the first attempt already starts from the server's value.
  await new Promise<void>((resolve) => onValue(ref(db, "stock"), () => resolve()));
  const first = await runTransaction(ref(db, "stock"), (stock: { count: number } | null) =>
    stock && stock.count > 0 ? { count: stock.count - 1, updatedBy: "client" } : undefined,
  );
  assert.equal(first.committed, true);
  const second = await runTransaction(ref(db, "stock"), (stock: { count: number } | null) =>
    stock && stock.count > 0 ? { count: stock.count - 1, updatedBy: "client" } : undefined,
  );
  assert.equal(second.committed, false);
  assert.deepEqual(second.snapshot.val(), { count: 0, updatedBy: "client" });
});

test("transactions commit first time on nodes with priorities, floats and integer keys", async () => {
  const value = {
    a: 1.5,
    b: { ".priority": "p", c: true, d: -0.1 },
    "10": "ten",
    "9": { ".value": "nine", ".priority": 3 },
  };
  await admin.ref("complex").set(value);
  const { db } = newClient("tx-complex");
  await new Promise<void>((resolve) => onValue(ref(db, "complex"), () => resolve()));
  let attempts = 0;
  const result = await runTransaction(ref(db, "complex"), (current: Record<string, unknown> | null) => {
    attempts++;
    return current ? { ...current, a: (current.a as number) + 1 } : current;
  });
  assert.equal(result.committed, true);
  // One local attempt plus one with the server's data would mean our hash disagreed with the SDK's.
  assert.equal(attempts, 1);
  assert.equal((await admin.ref("complex/a").once("value")).val(), 2.5);
  assert.deepEqual((await admin.ref("complex/b").once("value")).val(), { c: true, d: -0.1 });
});

test("onDisconnect writes run when the client drops, and cancelled ones do not", async () => {
  const { db } = newClient("presence");
  await admin.ref("presence").set({ alice: "online", bob: "online" });
  await onDisconnect(ref(db, "presence/alice")).set({ state: "offline", at: serverTimestamp() });
  await onDisconnect(ref(db, "presence")).update({ lastSeen: "alice" });
  await onDisconnect(ref(db, "presence/bob")).remove();
  await onDisconnect(ref(db, "presence/bob")).cancel();
  assert.equal((await admin.ref("presence/alice").once("value")).val(), "online");
  goOffline(db);
  await waitUntil(
    async () => (await admin.ref("presence/lastSeen").once("value")).val() === "alice",
    "onDisconnect",
  );
  const presence = (await admin.ref("presence").once("value")).val() as Record<string, unknown>;
  assert.equal((presence.alice as { state: string }).state, "offline");
  assert.equal(typeof (presence.alice as { at: number }).at, "number");
  assert.equal(presence.bob, "online");
});

test("onDisconnect fires when the app is deleted", async () => {
  const { app, db } = newClient("presence-delete", false);
  await onDisconnect(ref(db, "sessions/s1")).remove();
  await admin.ref("sessions/s1").set(true);
  await deleteApp(app);
  await waitUntil(async () => !(await admin.ref("sessions/s1").once("value")).exists(), "session removal");
});

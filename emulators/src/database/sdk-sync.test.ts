/**
 * Clients see writes live through the real SDKs: values, child events, ordered and limited
 * queries whose window moves, server values, and large multi-frame messages.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { deleteApp, type FirebaseApp, initializeApp } from "firebase/app";
import {
  connectDatabaseEmulator,
  type Database,
  endBefore,
  equalTo,
  get,
  getDatabase,
  limitToFirst,
  limitToLast,
  onChildAdded,
  onChildChanged,
  onChildMoved,
  onChildRemoved,
  onValue,
  orderByChild,
  orderByKey,
  orderByValue,
  query,
  ref,
  startAfter,
  startAt,
} from "firebase/database";
import {
  type App,
  deleteApp as deleteAdminApp,
  initializeApp as initializeAdminApp,
} from "firebase-admin/app";
import {
  type Database as AdminDatabase,
  getDatabase as getAdminDatabase,
  ServerValue,
} from "firebase-admin/database";
import { type RunningDatabaseEmulator, startDatabaseEmulator } from "./index.js";

// These tests run an emulator of their own; under `npm test` the stack's variable would point the Admin SDK
// at the stack's emulator instead.
delete process.env.FIREBASE_DATABASE_EMULATOR_HOST;

const NS = "sync-test";
let emulator: RunningDatabaseEmulator;
let adminApp: App;
let admin: AdminDatabase;
let clientApp: FirebaseApp;
let client: Database;

before(async () => {
  emulator = await startDatabaseEmulator({ port: 0, log: () => {} });
  adminApp = initializeAdminApp({ databaseURL: `http://127.0.0.1:${emulator.port}?ns=${NS}` }, `admin-${NS}`);
  admin = getAdminDatabase(adminApp);
  clientApp = initializeApp(
    { projectId: "demo-jiga", databaseURL: `http://127.0.0.1:${emulator.port}?ns=${NS}` },
    `client-${NS}`,
  );
  client = getDatabase(clientApp);
  connectDatabaseEmulator(client, "127.0.0.1", emulator.port);
});

after(async () => {
  await deleteApp(clientApp);
  await deleteAdminApp(adminApp);
  await emulator.close();
});

/** Resolves with the first value for which `accept` holds. */
function waitForValue<T>(
  subscribe: (next: (value: T) => void) => () => void,
  accept: (value: T) => boolean,
): Promise<T> {
  return new Promise((resolve) => {
    const unsubscribe = subscribe((value) => {
      if (!accept(value)) return;
      queueMicrotask(() => unsubscribe());
      resolve(value);
    });
  });
}

test("a client sees an admin write live, as value and child events", async () => {
  const events: string[] = [];
  const itemsRef = ref(client, "live/items");
  const offs = [
    onChildAdded(itemsRef, (snap) => events.push(`added:${snap.key}=${JSON.stringify(snap.val())}`)),
    onChildChanged(itemsRef, (snap) => events.push(`changed:${snap.key}=${JSON.stringify(snap.val())}`)),
    onChildRemoved(itemsRef, (snap) => events.push(`removed:${snap.key}`)),
  ];
  const initial = await waitForValue<unknown>(
    (next) => onValue(itemsRef, (snap) => next(snap.val())),
    () => true,
  );
  assert.equal(initial, null);
  await admin.ref("live/items/a").set({ name: "first" });
  await admin.ref("live/items").update({ b: { name: "second" }, "a/name": "renamed" });
  await admin.ref("live/items/b").remove();
  const final = await waitForValue<unknown>(
    (next) => onValue(itemsRef, (snap) => next(snap.val())),
    (value) => JSON.stringify(value) === JSON.stringify({ a: { name: "renamed" } }),
  );
  assert.deepEqual(final, { a: { name: "renamed" } });
  await waitForValue<number>(
    (next) => {
      const timer = setInterval(() => next(events.length), 10);
      return () => clearInterval(timer);
    },
    (count) => count >= 4,
  );
  for (const off of offs) off();
  assert.deepEqual(events, [
    'added:a={"name":"first"}',
    'added:b={"name":"second"}',
    'changed:a={"name":"renamed"}',
    "removed:b",
  ]);
});

test("a limited orderByChild window follows children entering and leaving it", async () => {
  await admin
    .ref("scores")
    .set({ ann: { score: 10 }, bob: { score: 20 }, cat: { score: 30 }, dan: { score: 40 } });
  const top2 = query(ref(client, "scores"), orderByChild("score"), limitToLast(2));
  const keysOf = (value: unknown) =>
    Object.keys((value as Record<string, unknown>) ?? {})
      .sort()
      .join(",");
  const seen = await waitForValue<unknown>(
    (next) => onValue(top2, (snap) => next(snap.val())),
    () => true,
  );
  assert.equal(keysOf(seen), "cat,dan");
  const order: string[] = [];
  const offAdded = onChildAdded(top2, (snap) => order.push(`+${snap.key}`));
  const offRemoved = onChildRemoved(top2, (snap) => order.push(`-${snap.key}`));
  await admin.ref("scores/ann/score").set(50); // ann jumps into the window, cat drops out
  const moved = await waitForValue<unknown>(
    (next) => onValue(top2, (snap) => next(snap.val())),
    (v) => keysOf(v) === "ann,dan",
  );
  assert.deepEqual(moved, { ann: { score: 50 }, dan: { score: 40 } });
  await admin.ref("scores/dan").remove(); // the window backfills with cat
  const backfilled = await waitForValue<unknown>(
    (next) => onValue(top2, (snap) => next(snap.val())),
    (v) => keysOf(v) === "ann,cat",
  );
  assert.deepEqual(backfilled, { ann: { score: 50 }, cat: { score: 30 } });
  offAdded();
  offRemoved();
  // The SDK reports removals before additions within one update.
  assert.deepEqual(order, ["+cat", "+dan", "-cat", "+ann", "-dan", "+cat"]);
});

test("a child whose order changes inside the window is reported as moved", async () => {
  await admin.ref("board").set({ a: { rank: 1 }, b: { rank: 2 }, c: { rank: 3 } });
  const ordered = query(ref(client, "board"), orderByChild("rank"));
  await waitForValue<unknown>(
    (next) => onValue(ordered, (snap) => next(snap.val())),
    (v) => v !== null,
  );
  const moved = new Promise<[string | null, string | null | undefined]>((resolve) => {
    const off = onChildMoved(ordered, (snap, previousKey) => {
      off();
      resolve([snap.key, previousKey]);
    });
  });
  await admin.ref("board/a/rank").set(5);
  assert.deepEqual(await moved, ["a", "c"]);
});

test("queries honour key, value, ranges, equalTo with key names, startAfter and endBefore", async () => {
  await admin.ref("q").set({ "10": "j", "9": "i", a: "x", b: "y", c: "y", d: "z" });
  const keys = async (...constraints: Parameters<typeof query>[1][]) =>
    Object.keys((await get(query(ref(client, "q"), ...constraints))).val() ?? {});
  assert.deepEqual(await keys(orderByKey(), limitToFirst(3)), ["9", "10", "a"]);
  assert.deepEqual(await keys(orderByValue(), equalTo("y")), ["b", "c"]);
  assert.deepEqual(await keys(orderByValue(), equalTo("y", "c")), ["c"]);
  assert.deepEqual(await keys(orderByValue(), startAfter("y")), ["d"]);
  assert.deepEqual(await keys(orderByValue(), startAt("y", "c")), ["c", "d"]);
  assert.deepEqual(await keys(orderByKey(), endBefore("b")), ["9", "10", "a"]);
  const admins = await admin.ref("q").orderByValue().startAt("x").endAt("y").once("value");
  assert.deepEqual(Object.keys(admins.val()), ["a", "b", "c"]);
});

test("server timestamps and increments resolve on the server", async () => {
  const beforeWrite = Date.now();
  await admin.ref("sv").set({ at: ServerValue.TIMESTAMP, n: 5 });
  await admin.ref("sv/n").set(ServerValue.increment(3));
  await admin.ref("sv/fresh").set(ServerValue.increment(2));
  const value = (await admin.ref("sv").once("value")).val() as { at: number; n: number; fresh: number };
  assert.ok(value.at >= beforeWrite && value.at <= Date.now());
  assert.equal(value.n, 8);
  assert.equal(value.fresh, 2);
});

test("values larger than one frame travel both ways", async () => {
  const big = { text: "x".repeat(100_000), list: Array.from({ length: 2000 }, (_, i) => `item-${i}`) };
  await admin.ref("big").set(big);
  const seen = await waitForValue<unknown>(
    (next) => onValue(ref(client, "big"), (snap) => next(snap.val())),
    (v) => v !== null,
  );
  assert.deepEqual(seen, big);
});

// Billed operations counted by the guard, checked against bills computed by hand from
// https://firebase.google.com/docs/firestore/pricing (rules quoted in billing.ts).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Firestore, QuerySnapshot } from "firebase-admin/firestore";
import { AggregateField, FieldValue } from "firebase-admin/firestore";
import type { TestGuard } from "./test-harness.js";
import { clearCollections, PROJECT_ID, startTestGuard, writeIndexesFile } from "./test-harness.js";
import type { UsageReport } from "./usage-store.js";

const ITEMS = "guard_cost_items";
const BIG = "guard_cost_big";
const EMPTY = "guard_cost_empty";

interface Bill {
  reads: number;
  writes: number;
  deletes: number;
}

describe("billed reads, writes and deletes per API call", () => {
  let t: TestGuard;
  let db: Firestore;

  /** Runs `work` on fresh counters and returns what it was billed. */
  const billOf = async (work: () => Promise<unknown>): Promise<Bill> => {
    await t.guard.resetUsage(PROJECT_ID);
    await work();
    const { reads, writes, deletes } = await t.guard.usage(PROJECT_ID);
    return { reads, writes, deletes };
  };

  before(async () => {
    t = await startTestGuard(writeIndexesFile({ indexes: [] }));
    db = t.db;
    await clearCollections(db, ITEMS, BIG, EMPTY);
    const batch = db.batch();
    for (const [id, price] of [
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ] as const)
      batch.set(db.doc(`${ITEMS}/${id}`), { price });
    await batch.commit();
  });
  after(async () => {
    await clearCollections(db, ITEMS, BIG, EMPTY);
    await t.close();
  });

  test("get: 1 read, found or not", async () => {
    assert.deepEqual(await billOf(() => db.doc(`${ITEMS}/a`).get()), { reads: 1, writes: 0, deletes: 0 });
    assert.deepEqual(await billOf(() => db.doc(`${ITEMS}/nope`).get()), { reads: 1, writes: 0, deletes: 0 });
  });

  test("getAll of 3 documents and 1 missing: 4 reads", async () => {
    const refs = ["a", "b", "c", "nope"].map((id) => db.doc(`${ITEMS}/${id}`));
    assert.deepEqual(await billOf(() => db.getAll(...refs)), { reads: 4, writes: 0, deletes: 0 });
  });

  test("query: 1 read per document returned, at least 1", async () => {
    assert.deepEqual(await billOf(() => db.collection(ITEMS).where("price", ">", 1).get()), {
      reads: 2,
      writes: 0,
      deletes: 0,
    });
    assert.deepEqual(await billOf(() => db.collection(ITEMS).where("price", ">", 99).get()), {
      reads: 1,
      writes: 0,
      deletes: 0,
    });
  });

  test("offset: skipped documents are read too", async () => {
    assert.deepEqual(await billOf(() => db.collection(ITEMS).orderBy("price").offset(2).get()), {
      reads: 3,
      writes: 0,
      deletes: 0,
    });
    assert.deepEqual(await billOf(() => db.collection(ITEMS).orderBy("price").offset(5).get()), {
      reads: 3,
      writes: 0,
      deletes: 0,
    });
  });

  test("count/sum/avg: 1 read per batch of up to 1000 index entries", async () => {
    assert.deepEqual(await billOf(() => db.collection(ITEMS).count().get()), {
      reads: 1,
      writes: 0,
      deletes: 0,
    });
    assert.deepEqual(await billOf(() => db.collection(EMPTY).count().get()), {
      reads: 1,
      writes: 0,
      deletes: 0,
    });
    const sumAvg = () =>
      db
        .collection(ITEMS)
        .aggregate({ s: AggregateField.sum("price"), a: AggregateField.average("price") })
        .get();
    assert.deepEqual(await billOf(sumAvg), { reads: 1, writes: 0, deletes: 0 });

    const writer = db.bulkWriter();
    for (let i = 0; i < 1001; i += 1) void writer.set(db.doc(`${BIG}/d${i}`), { n: i });
    const seeded = await billOf(() => writer.close());
    assert.equal(seeded.writes, 1001);
    assert.deepEqual(await billOf(() => db.collection(BIG).count().get()), {
      reads: 2,
      writes: 0,
      deletes: 0,
    });
    assert.deepEqual(
      await billOf(() =>
        db
          .collection(BIG)
          .aggregate({ s: AggregateField.sum("n") })
          .get(),
      ),
      { reads: 2, writes: 0, deletes: 0 },
    );
  });

  test("transaction: its reads and its writes", async () => {
    const bill = await billOf(() =>
      db.runTransaction(async (tx) => {
        const snap = await tx.get(db.doc(`${ITEMS}/a`));
        tx.update(snap.ref, { price: Number(snap.get("price")) + 10 });
      }),
    );
    assert.deepEqual(bill, { reads: 1, writes: 1, deletes: 0 });
  });

  test("batch: each document write, each delete; transforms add nothing; a failed write is free", async () => {
    const batch = () =>
      db
        .batch()
        .set(db.doc(`${ITEMS}/x`), { price: 9, at: FieldValue.serverTimestamp() })
        .update(db.doc(`${ITEMS}/b`), { price: FieldValue.increment(1) })
        .delete(db.doc(`${ITEMS}/c`))
        .commit();
    assert.deepEqual(await billOf(batch), { reads: 0, writes: 2, deletes: 1 });
    assert.deepEqual(await billOf(() => db.doc(`${ITEMS}/x`).delete()), { reads: 0, writes: 0, deletes: 1 });
    await db.doc(`${ITEMS}/c`).set({ price: 3 });
    const failedCreate = () =>
      db
        .doc(`${ITEMS}/c`)
        .create({ price: 4 })
        .catch((e: { code?: number }) => assert.equal(e.code, 6));
    assert.deepEqual(await billOf(failedCreate), { reads: 0, writes: 0, deletes: 0 });
  });

  test("listen: documents of the initial snapshot, then each changed document; deletes are free", async () => {
    await t.guard.resetUsage(PROJECT_ID);
    const snapshots: QuerySnapshot[] = [];
    let notify = (): void => {};
    const stop = db
      .collection(ITEMS)
      .where("price", "<", 100)
      .onSnapshot((s) => {
        snapshots.push(s);
        notify();
      });
    const nextSnapshot = (count: number) =>
      new Promise<void>((resolve) => {
        notify = () => snapshots.length >= count && resolve();
        notify();
      });
    await nextSnapshot(1);
    const initial = snapshots[0]?.size ?? 0;
    assert.equal(initial, 3);
    const listenReads = async () => (await t.guard.usage(PROJECT_ID)).byMethod.Listen?.reads ?? 0;
    assert.equal(await listenReads(), 3);
    await db.doc(`${ITEMS}/a`).update({ price: 50 });
    await nextSnapshot(2);
    assert.equal(await listenReads(), 4);
    await db.doc(`${ITEMS}/b`).delete();
    await nextSnapshot(3);
    assert.equal(await listenReads(), 4);
    stop();

    const emptyBill = await billOf(
      () =>
        new Promise<void>((resolve) => {
          const stopEmpty = db.collection(EMPTY).onSnapshot(() => {
            stopEmpty();
            resolve();
          });
        }),
    );
    assert.deepEqual(emptyBill, { reads: 1, writes: 0, deletes: 0 });
  });

  test("per-document write history finds hot documents; served over HTTP and reset by DELETE", async () => {
    await t.guard.resetUsage(PROJECT_ID);
    for (let i = 0; i < 5; i += 1) await db.doc(`${ITEMS}/hot`).set({ i });
    await db.doc(`${ITEMS}/cold`).set({ i: 0 });
    const url = `http://${t.guard.address}/guard/v1/projects/${PROJECT_ID}/usage`;
    const report = (await (await fetch(url)).json()) as UsageReport;
    assert.equal(report.projectId, PROJECT_ID);
    assert.equal(report.writes, 6);
    assert.equal(report.byMethod.Commit?.calls, 6);
    const hot = report.documents[`${ITEMS}/hot`];
    assert.equal(hot?.writes, 5);
    assert.equal(hot?.lastWriteTimes.length, 5);
    assert.ok((hot?.maxWritesPerSecond ?? 0) >= 2, JSON.stringify(hot));
    assert.equal(report.hottestDocuments[0]?.path, `${ITEMS}/hot`);

    assert.equal((await fetch(url, { method: "DELETE" })).status, 200);
    const cleared = (await (await fetch(url)).json()) as UsageReport;
    assert.deepEqual(
      [cleared.reads, cleared.writes, cleared.deletes, Object.keys(cleared.documents).length],
      [0, 0, 0, 0],
    );
  });
});

// Enforcement around the planner: edits of firestore.indexes.json take effect on the next query,
// warn/off modes forward, listeners get the rejection as a target error, /guard/v1/status reports it.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import type { Firestore, QuerySnapshot } from "firebase-admin/firestore";
import type { GrpcLikeError, TestGuard } from "./test-harness.js";
import { clearCollections, startTestGuard, writeIndexesFile } from "./test-harness.js";

const ORDERS = "guard_enf_orders";
const BY_STATUS_NEWEST = {
  collectionGroup: ORDERS,
  queryScope: "COLLECTION",
  fields: [
    { fieldPath: "status", order: "ASCENDING" },
    { fieldPath: "createdAt", order: "DESCENDING" },
  ],
};
const BY_BUYER_TOTAL = {
  collectionGroup: ORDERS,
  queryScope: "COLLECTION",
  fields: [
    { fieldPath: "buyer", order: "ASCENDING" },
    { fieldPath: "total", order: "DESCENDING" },
  ],
};
const newestPaid = (db: Firestore) =>
  db.collection(ORDERS).where("status", "==", "paid").orderBy("createdAt", "desc");

async function rejection(promise: Promise<unknown>): Promise<GrpcLikeError> {
  return promise.then(
    () => assert.fail("expected the query to be rejected"),
    (error: GrpcLikeError) => error,
  );
}

describe("firestore.indexes.json edits apply to the next query", () => {
  let t: TestGuard;
  let file: string;
  before(async () => {
    file = writeIndexesFile({ indexes: [BY_STATUS_NEWEST, BY_BUYER_TOTAL], fieldOverrides: [] });
    t = await startTestGuard(file);
    await clearCollections(t.db, ORDERS);
    await t.db.doc(`${ORDERS}/o1`).set({ status: "paid", createdAt: 1, buyer: "b1", total: 5 });
  });
  after(() => t.close());

  test("removing the entry a query needs makes it fail, naming that entry; restoring it heals", async () => {
    const original = readFileSync(file, "utf8");
    assert.equal((await newestPaid(t.db).get()).size, 1);

    writeFileSync(file, JSON.stringify({ indexes: [BY_BUYER_TOTAL], fieldOverrides: [] }));
    const error = await rejection(newestPaid(t.db).get());
    assert.equal(error.code, 9);
    assert.ok(error.details?.includes(JSON.stringify(BY_STATUS_NEWEST)), error.details);
    assert.equal(
      (await t.db.collection(ORDERS).where("buyer", "==", "b1").orderBy("total", "desc").get()).size,
      1,
    );

    writeFileSync(file, original);
    assert.equal((await newestPaid(t.db).get()).size, 1);
    // firebase-admin retries a failed RunQuery stream a few times; each attempt is rejected.
    assert.ok(t.guard.status().rejections >= 1);
  });

  test("a broken edit keeps the previous indexes and is reported by /guard/v1/status", async () => {
    const original = readFileSync(file, "utf8");
    writeFileSync(file, "{ not json");
    try {
      assert.equal((await newestPaid(t.db).get()).size, 1);
      const status = (await (await fetch(`http://${t.guard.address}/guard/v1/status`)).json()) as Record<
        string,
        unknown
      >;
      assert.equal(status.mode, "enforce");
      assert.equal(status.indexesFile, file);
      assert.match(String(status.indexesError), /invalid JSON/);
      assert.equal(status.compositeIndexes, 2);
    } finally {
      writeFileSync(file, original);
    }
    assert.equal(t.guard.status().indexesError, null);
  });
});

describe("listeners", () => {
  let t: TestGuard;
  before(async () => {
    t = await startTestGuard(writeIndexesFile({ indexes: [], fieldOverrides: [] }));
    await t.db.doc(`${ORDERS}/o1`).set({ status: "paid", createdAt: 1, buyer: "b1", total: 5 });
  });
  after(() => t.close());

  test("a listen target needing a missing index errors with the entry; other listeners keep working", async () => {
    const error = await new Promise<GrpcLikeError>((resolve, reject) => {
      newestPaid(t.db).onSnapshot(() => reject(new Error("snapshot delivered without the index")), resolve);
    });
    // firebase-admin's watch reports a removed target as `Error <code>: <cause>` without a .code.
    assert.match(error.message ?? "", /^Error 9: The query requires an index/);
    assert.ok(error.message?.includes(JSON.stringify(BY_STATUS_NEWEST)), error.message);

    const snapshot = await new Promise<QuerySnapshot>((resolve, reject) => {
      const stop = t.db
        .collection(ORDERS)
        .where("status", "==", "paid")
        .onSnapshot((s) => {
          stop();
          resolve(s);
        }, reject);
    });
    assert.equal(snapshot.size, 1);
  });
});

describe("warn and off modes forward every query", () => {
  test("warn logs each missing index once and counts every occurrence", async () => {
    const t = await startTestGuard(writeIndexesFile({ indexes: [] }), "warn");
    try {
      await newestPaid(t.db).get();
      await newestPaid(t.db).get();
      const status = t.guard.status();
      assert.equal(status.mode, "warn");
      assert.equal(status.warnings, 2);
      assert.equal(status.rejections, 0);
      assert.equal(status.missingIndexes.length, 1);
      assert.ok(status.missingIndexes[0]?.includes(JSON.stringify(BY_STATUS_NEWEST)));
    } finally {
      await t.close();
    }
  });

  test("off checks nothing", async () => {
    const t = await startTestGuard(writeIndexesFile({ indexes: [] }), "off");
    try {
      assert.equal((await newestPaid(t.db).get()).size, 1);
      assert.deepEqual(t.guard.status().missingIndexes, []);
    } finally {
      await clearCollections(t.db, ORDERS);
      await t.close();
    }
  });
});

describe("unused index entries", () => {
  test("/guard/v1/status names the declared indexes no query could use, until one does", async () => {
    const t = await startTestGuard(writeIndexesFile({ indexes: [BY_STATUS_NEWEST, BY_BUYER_TOTAL] }));
    try {
      const unused = () => t.guard.status().unusedIndexes.map((entry) => JSON.parse(entry));
      assert.deepEqual(unused().length, 2);
      await newestPaid(t.db).get();
      const [left] = unused();
      assert.equal(unused().length, 1);
      assert.deepEqual(
        left.fields.map((field: { fieldPath: string }) => field.fieldPath),
        ["buyer", "total"],
      );
      await t.db.collection(ORDERS).where("buyer", "==", "b1").orderBy("total", "desc").get();
      assert.deepEqual(unused(), []);
    } finally {
      await t.close();
    }
  });
});

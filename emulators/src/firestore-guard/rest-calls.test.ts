// The emulator's REST API through the guard: queries are index-checked like gRPC ones and rejected the
// way production's REST API rejects them, reads and writes are billed by the same rules (bills computed
// by hand from https://firebase.google.com/docs/firestore/pricing), and every other answer is the bare
// emulator's. The Lite SDK (firebase/firestore/lite) speaks REST; raw fetch covers what it does not use.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { deleteApp, initializeApp } from "firebase/app";
import type { Firestore as LiteFirestore } from "firebase/firestore/lite";
import {
  collection,
  connectFirestoreEmulator,
  getCount,
  getDoc,
  getDocs,
  getFirestore,
  doc as liteDoc,
  orderBy,
  query,
  setLogLevel,
  terminate,
  where,
} from "firebase/firestore/lite";
import type { TestGuard } from "./test-harness.js";
import {
  clearCollections,
  PROJECT_ID,
  startTestGuard,
  upstreamHost,
  writeIndexesFile,
} from "./test-harness.js";

const ITEMS = "guard_rest_items";
const EMPTY = "guard_rest_empty";
const DATABASE = `projects/${PROJECT_ID}/databases/(default)`;
const DOCUMENTS = `${DATABASE}/documents`;
const BY_SELLER_NEWEST = {
  collectionGroup: ITEMS,
  queryScope: "COLLECTION",
  fields: [
    { fieldPath: "seller", order: "ASCENDING" },
    { fieldPath: "price", order: "DESCENDING" },
  ],
};

interface Bill {
  reads: number;
  writes: number;
  deletes: number;
}

interface Answer {
  status: number;
  body: unknown;
}

/** One REST call, as "owner" (the emulator's admin token: security rules do not apply). */
async function rest(host: string, method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`http://${host}/v1/${path}`, {
    method,
    headers: { authorization: "Bearer owner", "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const byPrice = (op: string, price: number) => ({
  structuredQuery: {
    from: [{ collectionId: ITEMS }],
    where: { fieldFilter: { field: { fieldPath: "price" }, op, value: { integerValue: String(price) } } },
  },
});

const newestOfSeller = {
  structuredQuery: {
    from: [{ collectionId: ITEMS }],
    where: { fieldFilter: { field: { fieldPath: "seller" }, op: "EQUAL", value: { stringValue: "s1" } } },
    orderBy: [{ field: { fieldPath: "price" }, direction: "DESCENDING" }],
  },
};

/** The answer without the read times, which differ from one call to the next. */
function withoutReadTimes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutReadTimes);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== "readTime")
      .map(([key, v]) => [key, withoutReadTimes(v)]),
  );
}

describe("REST through the guard", () => {
  let t: TestGuard;
  let indexesFile: string;
  const seed = async () => {
    await clearCollections(t.db, ITEMS, EMPTY);
    for (const [id, price, seller] of [
      ["a", 1, "s1"],
      ["b", 2, "s1"],
      ["c", 3, "s2"],
    ] as const)
      await t.db.doc(`${ITEMS}/${id}`).set({ price, seller });
  };
  const billOf = async (work: () => Promise<unknown>): Promise<Bill> => {
    await t.guard.resetUsage(PROJECT_ID);
    await work();
    const { reads, writes, deletes } = await t.guard.usage(PROJECT_ID);
    return { reads, writes, deletes };
  };
  const viaGuard = (method: string, path: string, body?: unknown) =>
    rest(t.guard.address, method, path, body);

  before(async () => {
    indexesFile = writeIndexesFile({ indexes: [] });
    t = await startTestGuard(indexesFile);
    await seed();
  });
  after(async () => {
    await clearCollections(t.db, ITEMS, EMPTY);
    await t.close();
  });

  test("Lite SDK: a query needing a missing index fails with FAILED_PRECONDITION naming it; with the index it runs", async () => {
    const app = initializeApp(
      { projectId: PROJECT_ID, apiKey: "demo-key" },
      `guard-rest-lite-${process.pid}`,
    );
    const db: LiteFirestore = getFirestore(app);
    setLogLevel("silent"); // the SDK logs each failed call; the test asserts on the errors instead
    connectFirestoreEmulator(db, t.guard.host, t.guard.port, { mockUserToken: "owner" });
    const newest = query(collection(db, ITEMS), where("seller", "==", "s1"), orderBy("price", "desc"));
    try {
      const error = await getDocs(newest).then(
        () => assert.fail("the query ran without its index"),
        (e: { code?: string; message?: string }) => e,
      );
      assert.equal(error.code, "failed-precondition");
      assert.ok(error.message?.includes(JSON.stringify(BY_SELLER_NEWEST)), error.message);
      // The count runs the same query shape: rejected too, before reaching the emulator.
      const countError = await getCount(newest).then(
        () => assert.fail("the count ran without its index"),
        (e: { code?: string }) => e,
      );
      assert.equal(countError.code, "failed-precondition");

      writeFileSync(indexesFile, JSON.stringify({ indexes: [BY_SELLER_NEWEST] }));
      const snapshot = await getDocs(newest);
      assert.deepEqual(
        snapshot.docs.map((d) => d.id),
        ["b", "a"],
      );
      assert.equal((await getCount(newest)).data().count, 2);
      assert.equal((await getDoc(liteDoc(db, ITEMS, "c"))).get("price"), 3);
    } finally {
      writeFileSync(indexesFile, JSON.stringify({ indexes: [] }));
      await terminate(db);
      await deleteApp(app);
    }
  });

  test("the rejection has production's REST shape: 400, a JSON array holding Google's error object", async () => {
    const answer = await viaGuard("POST", `${DOCUMENTS}:runQuery`, newestOfSeller);
    assert.equal(answer.status, 400);
    const [entry] = answer.body as Array<{ error: { code: number; status: string; message: string } }>;
    assert.equal(entry?.error.code, 400);
    assert.equal(entry?.error.status, "FAILED_PRECONDITION");
    assert.ok(entry?.error.message.includes(JSON.stringify(BY_SELLER_NEWEST)));
    // Under a parent document too (a subcollection query).
    const nested = await viaGuard("POST", `${DOCUMENTS}/guard_rest_parents/p1:runAggregationQuery`, {
      structuredAggregationQuery: {
        structuredQuery: { ...newestOfSeller.structuredQuery },
        aggregations: [{ alias: "n", count: {} }],
      },
    });
    assert.equal(nested.status, 400);
  });

  test("bills: get, batchGet, queries (empty and not), count/sum/avg, commit, delete", async () => {
    const get = (id: string) => viaGuard("GET", `${DOCUMENTS}/${ITEMS}/${id}`);
    assert.deepEqual(await billOf(() => get("a")), { reads: 1, writes: 0, deletes: 0 });
    assert.deepEqual(await billOf(() => get("nope")), { reads: 1, writes: 0, deletes: 0 });
    const names = ["a", "b", "c", "nope"].map((id) => `${DOCUMENTS}/${ITEMS}/${id}`);
    assert.deepEqual(
      await billOf(() => viaGuard("POST", `${DATABASE}/documents:batchGet`, { documents: names })),
      {
        reads: 4,
        writes: 0,
        deletes: 0,
      },
    );
    const runQuery = (body: unknown) => viaGuard("POST", `${DOCUMENTS}:runQuery`, body);
    assert.deepEqual(await billOf(() => runQuery(byPrice("GREATER_THAN", 1))), {
      reads: 2,
      writes: 0,
      deletes: 0,
    });
    assert.deepEqual(await billOf(() => runQuery(byPrice("GREATER_THAN", 99))), {
      reads: 1,
      writes: 0,
      deletes: 0,
    });
    const list = () => viaGuard("GET", `${DOCUMENTS}/${ITEMS}`);
    assert.deepEqual(await billOf(list), { reads: 3, writes: 0, deletes: 0 });

    const aggregate = (collectionId: string, aggregations: unknown[]) =>
      viaGuard("POST", `${DOCUMENTS}:runAggregationQuery`, {
        structuredAggregationQuery: { structuredQuery: { from: [{ collectionId }] }, aggregations },
      });
    const count = [{ alias: "n", count: {} }];
    const sumAvg = [
      { alias: "s", sum: { field: { fieldPath: "price" } } },
      { alias: "m", avg: { field: { fieldPath: "price" } } },
    ];
    assert.deepEqual(await billOf(() => aggregate(ITEMS, count)), { reads: 1, writes: 0, deletes: 0 });
    assert.deepEqual(await billOf(() => aggregate(EMPTY, count)), { reads: 1, writes: 0, deletes: 0 });
    assert.deepEqual(await billOf(() => aggregate(ITEMS, sumAvg)), { reads: 1, writes: 0, deletes: 0 });

    const commit = () =>
      viaGuard("POST", `${DATABASE}/documents:commit`, {
        writes: [
          { update: { name: `${DOCUMENTS}/${ITEMS}/x`, fields: { price: { integerValue: "9" } } } },
          {
            transform: {
              document: `${DOCUMENTS}/${ITEMS}/b`,
              fieldTransforms: [{ fieldPath: "at", setToServerValue: "REQUEST_TIME" }],
            },
          },
          { delete: `${DOCUMENTS}/${ITEMS}/c` },
        ],
      });
    assert.deepEqual(await billOf(commit), { reads: 0, writes: 2, deletes: 1 });
    const usage = await t.guard.usage(PROJECT_ID);
    assert.equal(usage.documents[`${ITEMS}/x`]?.writes, 1);
    assert.equal(usage.documents[`${ITEMS}/c`]?.deletes, 1);

    const remove = () => viaGuard("DELETE", `${DOCUMENTS}/${ITEMS}/x`);
    assert.deepEqual(await billOf(remove), { reads: 0, writes: 0, deletes: 1 });
    const create = () =>
      viaGuard("POST", `${DOCUMENTS}/${ITEMS}?documentId=c`, { fields: { price: { integerValue: "3" } } });
    assert.deepEqual(await billOf(create), { reads: 0, writes: 1, deletes: 0 });
    // A create of a document that exists fails: nothing is billed.
    assert.deepEqual(await billOf(create), { reads: 0, writes: 0, deletes: 0 });
    const patch = () =>
      viaGuard("PATCH", `${DOCUMENTS}/${ITEMS}/c?updateMask.fieldPaths=seller`, {
        fields: { seller: { stringValue: "s2" } },
      });
    assert.deepEqual(await billOf(patch), { reads: 0, writes: 1, deletes: 0 });
    await seed();
  });

  test("the same REST calls answer through the guard exactly as the bare emulator answers them", async () => {
    const calls: Array<[string, string, unknown?]> = [
      ["GET", `${DOCUMENTS}/${ITEMS}/a`],
      ["GET", `${DOCUMENTS}/${ITEMS}/nope`],
      ["GET", `${DOCUMENTS}/${ITEMS}`],
      [
        "POST",
        `${DATABASE}/documents:batchGet`,
        { documents: [`${DOCUMENTS}/${ITEMS}/a`, `${DOCUMENTS}/x/y`] },
      ],
      ["POST", `${DOCUMENTS}:runQuery`, byPrice("LESS_THAN", 3)],
      ["POST", `${DOCUMENTS}:runQuery`, { structuredQuery: { from: [{ collectionId: ITEMS }], limit: -1 } }],
      ["POST", `${DOCUMENTS}:runQuery`, { structuredQuery: { nonsense: true } }],
      [
        "POST",
        `${DOCUMENTS}:runAggregationQuery`,
        {
          structuredAggregationQuery: {
            structuredQuery: { from: [{ collectionId: ITEMS }] },
            aggregations: [{ alias: "n", count: {} }],
          },
        },
      ],
      ["POST", `${DOCUMENTS}:listCollectionIds`, {}],
      ["POST", `${DATABASE}/documents:commit`, { writes: [{ delete: `${DOCUMENTS}/${ITEMS}/never` }] }],
      ["POST", `${DOCUMENTS}/${ITEMS}?documentId=a`, { fields: {} }],
    ];
    for (const [method, path, body] of calls) {
      const guarded = await viaGuard(method, path, body);
      const bare = await rest(upstreamHost(), method, path, body);
      assert.equal(guarded.status, bare.status, `${method} ${path}`);
      if (path.endsWith(":commit")) continue; // commit times differ; the status and shape match
      assert.deepEqual(withoutReadTimes(guarded.body), withoutReadTimes(bare.body), `${method} ${path}`);
    }
  });
});

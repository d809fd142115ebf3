// Table of query shapes run through firebase-admin → guard (enforce) → real emulator, each with the
// verdict production gives: allowed, or FAILED_PRECONDITION naming exactly the entry to add.
// Rules are cited in index-planner.ts; rows whose verdict is not obvious cite the rule inline.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Firestore, Query } from "firebase-admin/firestore";
import { AggregateField, FieldPath } from "firebase-admin/firestore";
import type { GrpcLikeError, TestGuard } from "./test-harness.js";
import { clearCollections, startTestGuard, writeIndexesFile } from "./test-harness.js";

const LISTINGS = "guard_idx_listings";
const REVIEWS = "guard_idx_reviews";

const asc = (fieldPath: string) => ({ fieldPath, order: "ASCENDING" });
const desc = (fieldPath: string) => ({ fieldPath, order: "DESCENDING" });
const contains = (fieldPath: string) => ({ fieldPath, arrayConfig: "CONTAINS" });
const composite = (collectionGroup: string, fields: object[], queryScope = "COLLECTION") =>
  JSON.stringify({ collectionGroup, queryScope, fields });
const scoped = (order: string, queryScope: string) =>
  order === "CONTAINS" ? { arrayConfig: "CONTAINS", queryScope } : { order, queryScope };
const AUTOMATIC = [
  scoped("ASCENDING", "COLLECTION"),
  scoped("DESCENDING", "COLLECTION"),
  scoped("CONTAINS", "COLLECTION"),
];

export const TABLE_INDEXES = {
  indexes: [
    { collectionGroup: LISTINGS, queryScope: "COLLECTION", fields: [asc("status"), desc("rating")] },
    { collectionGroup: LISTINGS, queryScope: "COLLECTION", fields: [asc("category"), desc("rating")] },
    { collectionGroup: LISTINGS, queryScope: "COLLECTION", fields: [contains("tags"), asc("price")] },
    { collectionGroup: LISTINGS, queryScope: "COLLECTION", fields: [asc("price"), asc("rating")] },
    { collectionGroup: REVIEWS, queryScope: "COLLECTION_GROUP", fields: [asc("author"), desc("stars")] },
  ],
  fieldOverrides: [
    {
      collectionGroup: REVIEWS,
      fieldPath: "stars",
      indexes: [...AUTOMATIC, scoped("ASCENDING", "COLLECTION_GROUP")],
    },
    { collectionGroup: LISTINGS, fieldPath: "description", indexes: [] },
    { collectionGroup: LISTINGS, fieldPath: "sku", indexes: [scoped("ASCENDING", "COLLECTION")] },
  ],
};

type Verdict = "allowed" | { missing: string[] };
interface Row {
  name: string;
  run: (db: Firestore) => Promise<unknown>;
  verdict: Verdict;
}

const L = (db: Firestore): Query => db.collection(LISTINGS);
const get = (query: (db: Firestore) => Query) => (db: Firestore) => query(db).get();
const override = (collectionGroup: string, fieldPath: string, indexes: object[]) =>
  JSON.stringify({ collectionGroup, fieldPath, indexes });

const ROWS: Row[] = [
  { name: "no filter", run: get(L), verdict: "allowed" },
  {
    name: "equality on one field",
    run: get((db) => L(db).where("status", "==", "live")),
    verdict: "allowed",
  },
  // Index merging of single-field indexes serves equality on several fields (index-overview#index_merging).
  {
    name: "equality on two fields",
    run: get((db) => L(db).where("status", "==", "live").where("category", "==", "bots")),
    verdict: "allowed",
  },
  {
    name: "equality on three fields",
    run: get((db) =>
      L(db).where("status", "==", "live").where("category", "==", "bots").where("seller", "==", "s1"),
    ),
    verdict: "allowed",
  },
  { name: "single range", run: get((db) => L(db).where("price", ">", 10)), verdict: "allowed" },
  {
    name: "range + orderBy same field desc",
    run: get((db) => L(db).where("price", ">", 10).orderBy("price", "desc")),
    verdict: "allowed",
  },
  { name: "orderBy desc", run: get((db) => L(db).orderBy("rating", "desc")), verdict: "allowed" },
  { name: "orderBy asc + limit", run: get((db) => L(db).orderBy("rating").limit(2)), verdict: "allowed" },
  {
    name: "equality + orderBy desc (composite exists)",
    run: get((db) => L(db).where("status", "==", "live").orderBy("rating", "desc")),
    verdict: "allowed",
  },
  // A composite index serves only the directions it lists.
  {
    name: "equality + orderBy asc (only desc index)",
    run: get((db) => L(db).where("status", "==", "live").orderBy("rating")),
    verdict: { missing: [composite(LISTINGS, [asc("status"), asc("rating")])] },
  },
  // A range filter implies orderBy on its field, ascending (multiple-range-fields#implicit_ordering).
  {
    name: "equality + range (implicit asc order)",
    run: get((db) => L(db).where("status", "==", "live").where("rating", ">", 3)),
    verdict: { missing: [composite(LISTINGS, [asc("status"), asc("rating")])] },
  },
  {
    name: "equality + range + orderBy desc",
    run: get((db) => L(db).where("status", "==", "live").where("rating", "<", 5).orderBy("rating", "desc")),
    verdict: "allowed",
  },
  // Range on one field with orderBy on another: the order is [rating, price] (explicit first).
  {
    name: "range + orderBy on another field",
    run: get((db) => L(db).where("price", ">", 10).orderBy("rating")),
    verdict: { missing: [composite(LISTINGS, [asc("rating"), asc("price")])] },
  },
  {
    name: "array-contains",
    run: get((db) => L(db).where("tags", "array-contains", "ai")),
    verdict: "allowed",
  },
  // "You can chain multiple equality operators (== or array-contains)" (queries#compound_and_queries).
  {
    name: "array-contains + equality",
    run: get((db) => L(db).where("tags", "array-contains", "ai").where("status", "==", "live")),
    verdict: "allowed",
  },
  {
    name: "array-contains + range (composite exists)",
    run: get((db) => L(db).where("tags", "array-contains", "ai").where("price", ">", 5)),
    verdict: "allowed",
  },
  {
    name: "array-contains + orderBy desc",
    run: get((db) => L(db).where("tags", "array-contains", "ai").orderBy("price", "desc")),
    verdict: { missing: [composite(LISTINGS, [contains("tags"), desc("price")])] },
  },
  {
    name: "array-contains-any",
    run: get((db) => L(db).where("tags", "array-contains-any", ["ai", "ml"])),
    verdict: "allowed",
  },
  {
    name: "array-contains-any + range",
    run: get((db) => L(db).where("tags", "array-contains-any", ["ai", "ml"]).where("price", ">", 5)),
    verdict: "allowed",
  },
  { name: "in", run: get((db) => L(db).where("status", "in", ["live", "draft"])), verdict: "allowed" },
  {
    name: "in + orderBy desc",
    run: get((db) => L(db).where("status", "in", ["live", "draft"]).orderBy("rating", "desc")),
    verdict: "allowed",
  },
  { name: "not-in", run: get((db) => L(db).where("status", "not-in", ["banned"])), verdict: "allowed" },
  { name: "!=", run: get((db) => L(db).where("status", "!=", "banned")), verdict: "allowed" },
  // != is an inequality: with an equality on another field it needs [eq, neq] (queries#not_equal_).
  {
    name: "!= + equality",
    run: get((db) => L(db).where("status", "!=", "banned").where("category", "==", "bots")),
    verdict: { missing: [composite(LISTINGS, [asc("category"), asc("status")])] },
  },
  // Several inequality fields order lexicographically: price, rating (multiple-range-fields#index).
  {
    name: "two inequality fields (index exists)",
    run: get((db) => L(db).where("rating", ">", 1).where("price", ">", 1)),
    verdict: "allowed",
  },
  {
    name: "two inequality fields (missing)",
    run: get((db) => L(db).where("seller", ">", "a").where("price", ">", 1)),
    verdict: { missing: [composite(LISTINGS, [asc("price"), asc("seller")])] },
  },
  {
    name: "two inequalities + orderBy the second",
    run: get((db) => L(db).where("price", ">", 1).where("rating", ">", 1).orderBy("rating")),
    verdict: { missing: [composite(LISTINGS, [asc("rating"), asc("price")])] },
  },
  {
    name: "OR of equalities",
    run: get((db) => L(db).where(orFilter("status", "live", "category", "bots"))),
    verdict: "allowed",
  },
  // Each disjunction of the DNF needs its own index (queries#or_queries); both exist here.
  {
    name: "OR + orderBy, both disjuncts indexed",
    run: get((db) =>
      L(db)
        .where(orFilter("status", "live", "category", "bots"))
        .orderBy("rating", "desc"),
    ),
    verdict: "allowed",
  },
  {
    name: "OR + orderBy, one disjunct missing",
    run: get((db) =>
      L(db)
        .where(orFilter("status", "live", "seller", "s1"))
        .orderBy("rating", "desc"),
    ),
    verdict: { missing: [composite(LISTINGS, [asc("seller"), desc("rating")])] },
  },
  {
    name: "OR with a range in each disjunct",
    run: get((db) =>
      L(db)
        .where(orFilter("status", "live", "seller", "s1"))
        .where("price", ">", 1),
    ),
    verdict: {
      missing: [
        composite(LISTINGS, [asc("status"), asc("price")]),
        composite(LISTINGS, [asc("seller"), asc("price")]),
      ],
    },
  },
  { name: "collection group, no filter", run: get((db) => db.collectionGroup(REVIEWS)), verdict: "allowed" },
  // Group-scope single-field indexes exist only where an override enables them (index-overview#automatic_indexing).
  {
    name: "collection group range, override enables asc",
    run: get((db) => db.collectionGroup(REVIEWS).where("stars", ">", 3)),
    verdict: "allowed",
  },
  {
    name: "collection group orderBy desc, not enabled",
    run: get((db) => db.collectionGroup(REVIEWS).orderBy("stars", "desc")),
    verdict: {
      missing: [
        override(REVIEWS, "stars", [
          ...AUTOMATIC,
          scoped("ASCENDING", "COLLECTION_GROUP"),
          scoped("DESCENDING", "COLLECTION_GROUP"),
        ]),
      ],
    },
  },
  {
    name: "collection group equality, no override",
    run: get((db) => db.collectionGroup(REVIEWS).where("author", "==", "ann")),
    verdict: {
      missing: [override(REVIEWS, "author", [...AUTOMATIC, scoped("ASCENDING", "COLLECTION_GROUP")])],
    },
  },
  {
    name: "collection group composite",
    run: get((db) => db.collectionGroup(REVIEWS).where("author", "==", "ann").orderBy("stars", "desc")),
    verdict: "allowed",
  },
  // A COLLECTION_GROUP index does not serve a query on one collection: scope must match.
  {
    name: "collection query, only group-scope composite",
    run: get((db) =>
      db.collection(`${LISTINGS}/l1/${REVIEWS}`).where("author", "==", "ann").orderBy("stars", "desc"),
    ),
    verdict: { missing: [composite(REVIEWS, [asc("author"), desc("stars")])] },
  },
  // An exemption with no indexes disables the field's automatic indexes (index-overview#single-field_index_exemptions).
  {
    name: "equality on exempted field",
    run: get((db) => L(db).where("description", "==", "x")),
    verdict: { missing: [override(LISTINGS, "description", [scoped("ASCENDING", "COLLECTION")])] },
  },
  {
    name: "orderBy desc on ascending-only field",
    run: get((db) => L(db).orderBy("sku", "desc")),
    verdict: {
      missing: [
        override(LISTINGS, "sku", [scoped("ASCENDING", "COLLECTION"), scoped("DESCENDING", "COLLECTION")]),
      ],
    },
  },
  {
    name: "equality on ascending-only field",
    run: get((db) => L(db).where("sku", "==", "x")),
    verdict: "allowed",
  },
  // limitToLast is sent as the reversed query, so it needs the reversed index.
  {
    name: "limitToLast, single field",
    run: get((db) => L(db).orderBy("rating", "desc").limitToLast(2)),
    verdict: "allowed",
  },
  {
    name: "limitToLast after equality",
    run: get((db) => L(db).where("status", "==", "live").orderBy("rating", "desc").limitToLast(1)),
    verdict: { missing: [composite(LISTINGS, [asc("status"), asc("rating")])] },
  },
  {
    name: "cursor on value",
    run: get((db) => L(db).where("status", "==", "live").orderBy("rating", "desc").startAfter(4)),
    verdict: "allowed",
  },
  // Only ascending name scans exist by default; the emulator itself refuses this ("does not support
  // descending key scans"), the guard names the override that would enable it.
  {
    name: "__name__ desc, no filter",
    run: get((db) => L(db).orderBy(FieldPath.documentId(), "desc")),
    verdict: {
      missing: [
        override(LISTINGS, "__name__", [
          scoped("ASCENDING", "COLLECTION"),
          scoped("ASCENDING", "COLLECTION_GROUP"),
          scoped("DESCENDING", "COLLECTION"),
        ]),
      ],
    },
  },
  // __name__ descending differs from the implied ascending name order of single-field indexes.
  {
    name: "equality + __name__ desc",
    run: get((db) => L(db).where("status", "==", "live").orderBy(FieldPath.documentId(), "desc")),
    verdict: { missing: [composite(LISTINGS, [asc("status"), desc("__name__")])] },
  },
  {
    name: "documentId in",
    run: get((db) => L(db).where(FieldPath.documentId(), "in", ["l1", "l2"])),
    verdict: "allowed",
  },
  {
    name: "select + equality",
    run: get((db) => L(db).where("status", "==", "live").select("price")),
    verdict: "allowed",
  },
  { name: "offset", run: get((db) => L(db).where("status", "==", "live").offset(1)), verdict: "allowed" },
  // Index merging also combines composite indexes sharing the order suffix (index-overview#index_merging).
  {
    name: "two equalities + orderBy, merged composites",
    run: get((db) =>
      L(db).where("status", "==", "live").where("category", "==", "bots").orderBy("rating", "desc"),
    ),
    verdict: "allowed",
  },
  {
    name: "two equalities + orderBy, one not indexed",
    run: get((db) =>
      L(db).where("seller", "==", "s1").where("status", "==", "live").orderBy("rating", "desc"),
    ),
    verdict: { missing: [composite(LISTINGS, [asc("seller"), asc("status"), desc("rating")])] },
  },
  {
    name: "map subfield equality",
    run: get((db) => L(db).where("address.city", "==", "Paris")),
    verdict: "allowed",
  },
  { name: "== null and != null", run: get((db) => L(db).where("status", "==", null)), verdict: "allowed" },
  {
    name: "count, equality only",
    run: (db) => L(db).where("status", "==", "live").count().get(),
    verdict: "allowed",
  },
  // Aggregations use the indexes of their underlying query (aggregation-queries "use the same indexes").
  {
    name: "count, equality + range",
    run: (db) => L(db).where("status", "==", "live").where("rating", ">", 3).count().get(),
    verdict: { missing: [composite(LISTINGS, [asc("status"), asc("rating")])] },
  },
  {
    name: "sum + avg, equality",
    run: (db) =>
      L(db)
        .where("status", "==", "live")
        .aggregate({ total: AggregateField.sum("price"), mean: AggregateField.average("rating") })
        .get(),
    verdict: "allowed",
  },
  {
    name: "avg, array-contains + orderBy desc",
    run: (db) =>
      L(db)
        .where("tags", "array-contains", "ai")
        .orderBy("price", "desc")
        .aggregate({ mean: AggregateField.average("price") })
        .get(),
    verdict: { missing: [composite(LISTINGS, [contains("tags"), desc("price")])] },
  },
];

function orFilter(fieldA: string, valueA: string, fieldB: string, valueB: string) {
  // biome-ignore lint/style/noNonNullAssertion: module-level import keeps the table terse
  return Filter!.or(Filter!.where(fieldA, "==", valueA), Filter!.where(fieldB, "==", valueB));
}

let Filter: typeof import("firebase-admin/firestore").Filter | undefined;

// Rows run concurrently: firebase-admin surfaces a failed RunQuery only after ~7 s of its own stream
// retry back-off (the same against the bare emulator), so sequential rejections would take minutes.
describe("index enforcement: query shapes against production's rules", { concurrency: true }, () => {
  let t: TestGuard;
  before(async () => {
    Filter = (await import("firebase-admin/firestore")).Filter;
    t = await startTestGuard(writeIndexesFile(TABLE_INDEXES));
    await clearCollections(t.db, LISTINGS);
    const batch = t.db.batch();
    batch.set(t.db.doc(`${LISTINGS}/l1`), {
      status: "live",
      category: "bots",
      seller: "s1",
      price: 20,
      rating: 4.5,
      tags: ["ai"],
      sku: "a",
      address: { city: "Paris" },
    });
    batch.set(t.db.doc(`${LISTINGS}/l2`), {
      status: "live",
      category: "data",
      seller: "s2",
      price: 5,
      rating: 3,
      tags: ["ml"],
      sku: "b",
    });
    batch.set(t.db.doc(`${LISTINGS}/l3`), {
      status: "draft",
      category: "bots",
      seller: "s1",
      price: 50,
      rating: 5,
      tags: ["ai", "ml"],
      sku: "c",
    });
    batch.set(t.db.doc(`${LISTINGS}/l1/${REVIEWS}/r1`), { author: "ann", stars: 5 });
    batch.set(t.db.doc(`${LISTINGS}/l2/${REVIEWS}/r2`), { author: "bob", stars: 3 });
    await batch.commit();
  });
  after(async () => {
    await clearCollections(t.db, LISTINGS);
    await t.close();
  });

  test("the table covers at least 40 shapes", () => assert.ok(ROWS.length >= 40, `${ROWS.length} rows`));

  for (const row of ROWS) {
    test(row.name, async () => {
      if (row.verdict === "allowed") {
        await row.run(t.db);
        return;
      }
      const error = await row.run(t.db).then(
        () => assert.fail("expected FAILED_PRECONDITION, the query was served"),
        (e: GrpcLikeError) => e,
      );
      assert.equal(error.code, 9, error.message);
      const details = error.details ?? "";
      assert.match(details, /^The query requires /);
      for (const entry of row.verdict.missing)
        assert.ok(details.includes(entry), `expected ${entry}\n in: ${details}`);
      assert.equal(
        details.split(" in firestore.indexes.json: ").length - 1,
        row.verdict.missing.length,
        details,
      );
    });
  }
});

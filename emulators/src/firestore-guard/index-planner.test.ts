// Pure tests of the planner, the indexes-file loader and the query normalisation (no emulator).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { IndexConfig } from "./index-config.js";
import { IndexConfigError, parseIndexConfig, singleFieldIndexes } from "./index-config.js";
import { missingIndexJson, missingIndexMessage, planQuery } from "./index-planner.js";
import type { Plain } from "./protos.js";
import type { QueryShape } from "./query-shape.js";
import { normalizedOrder, queryShapeOf, toDisjunctiveNormalForm } from "./query-shape.js";

const field = (fieldPath: string, op: string, value: Plain = { integerValue: 1 }) => ({
  fieldFilter: { field: { fieldPath }, op, value },
});
const and = (...filters: Plain[]) => ({ compositeFilter: { op: "AND", filters } });
const or = (...filters: Plain[]) => ({ compositeFilter: { op: "OR", filters } });

const config = (json: unknown): IndexConfig => parseIndexConfig(JSON.stringify(json));

describe("firestore.indexes.json loading", () => {
  test("reads composites, array-contains fields, scopes and overrides; skips vector indexes", () => {
    const loaded = config({
      indexes: [
        {
          collectionGroup: "a",
          queryScope: "COLLECTION_GROUP",
          fields: [
            { fieldPath: "t", arrayConfig: "CONTAINS" },
            { fieldPath: "x", order: "DESCENDING" },
          ],
        },
        { collectionGroup: "a", fields: [{ fieldPath: "v", vectorConfig: { dimension: 3, flat: {} } }] },
      ],
      fieldOverrides: [
        {
          collectionGroup: "a",
          fieldPath: "m",
          indexes: [{ order: "ASCENDING", queryScope: "COLLECTION_GROUP" }],
        },
      ],
    });
    assert.deepEqual(loaded.indexes, [
      {
        collectionGroup: "a",
        queryScope: "COLLECTION_GROUP",
        fields: [
          { fieldPath: "t", mode: "CONTAINS" },
          { fieldPath: "x", mode: "DESCENDING" },
        ],
      },
    ]);
    assert.deepEqual(singleFieldIndexes(loaded, "a", "m.sub"), [
      { mode: "ASCENDING", queryScope: "COLLECTION_GROUP" },
    ]);
    assert.equal(singleFieldIndexes(loaded, "a", "other").length, 3);
  });

  test("rejects malformed entries with the place of the mistake", () => {
    assert.throws(
      () => config({ indexes: [{ collectionGroup: "a", fields: [{ fieldPath: "x", order: "UP" }] }] }),
      /indexes\[0\]\.fields\[0\]/,
    );
    assert.throws(() => config({ indexes: [{ fields: [] }] }), IndexConfigError);
    assert.throws(() => parseIndexConfig("{"), /invalid JSON/);
    assert.throws(
      () =>
        config({
          fieldOverrides: [
            { collectionGroup: "a", fieldPath: "x", indexes: [{ order: "ASCENDING", queryScope: "DB" }] },
          ],
        }),
      /queryScope/,
    );
  });

  test("a '*' override applies to fields without their own", () => {
    const loaded = config({
      fieldOverrides: [
        { collectionGroup: "a", fieldPath: "*", indexes: [] },
        { collectionGroup: "a", fieldPath: "keep", indexes: [{ order: "ASCENDING" }] },
      ],
    });
    assert.deepEqual(singleFieldIndexes(loaded, "a", "any"), []);
    assert.deepEqual(singleFieldIndexes(loaded, "a", "keep"), [
      { mode: "ASCENDING", queryScope: "COLLECTION" },
    ]);
  });
});

describe("query normalisation", () => {
  test("OR of ANDs distributes into disjunctive normal form", () => {
    const dnf = toDisjunctiveNormalForm(
      and(field("a", "EQUAL"), or(field("b", "EQUAL"), field("c", "LESS_THAN"))),
    );
    assert.deepEqual(dnf, [
      [
        { fieldPath: "a", kind: "equality" },
        { fieldPath: "b", kind: "equality" },
      ],
      [
        { fieldPath: "a", kind: "equality" },
        { fieldPath: "c", kind: "inequality" },
      ],
    ]);
  });

  test("inequality fields follow explicit orders lexicographically, then __name__ in the last direction", () => {
    const order = normalizedOrder(
      [{ fieldPath: "z", direction: "DESCENDING" }],
      [
        { fieldPath: "b", kind: "inequality" },
        { fieldPath: "a", kind: "inequality" },
      ],
    );
    assert.deepEqual(
      order.map((o) => `${o.fieldPath} ${o.direction}`),
      ["z DESCENDING", "a DESCENDING", "b DESCENDING", "__name__ DESCENDING"],
    );
  });

  test("collection group scope and vector queries", () => {
    assert.equal(
      queryShapeOf({ from: [{ collectionId: "r", allDescendants: true }] })?.queryScope,
      "COLLECTION_GROUP",
    );
    assert.equal(queryShapeOf({ from: [{ collectionId: "r" }], findNearest: {} }), undefined);
  });
});

describe("planner", () => {
  const shape = (where: Plain | undefined, orderBy: QueryShape["orderBy"] = []): QueryShape => ({
    collectionGroup: "items",
    queryScope: "COLLECTION",
    disjuncts: toDisjunctiveNormalForm(where),
    orderBy,
  });

  test("the suggested composite lists equality fields, the order, and __name__ only when not implied", () => {
    const plan = planQuery(
      config({}),
      shape(field("a", "EQUAL"), [{ fieldPath: "__name__", direction: "DESCENDING" }]),
    );
    assert.equal(plan.served, false);
    assert.equal(
      plan.missing.map(missingIndexJson).join(),
      '{"collectionGroup":"items","queryScope":"COLLECTION","fields":[{"fieldPath":"a","order":"ASCENDING"},{"fieldPath":"__name__","order":"DESCENDING"}]}',
    );
  });

  test("an explicit trailing __name__ in the index matches the implied one", () => {
    const withName = config({
      indexes: [
        {
          collectionGroup: "items",
          fields: [
            { fieldPath: "a", order: "ASCENDING" },
            { fieldPath: "b", order: "DESCENDING" },
            { fieldPath: "__name__", order: "DESCENDING" },
          ],
        },
      ],
    });
    assert.equal(
      planQuery(withName, shape(field("a", "EQUAL"), [{ fieldPath: "b", direction: "DESCENDING" }])).served,
      true,
    );
  });

  test("the message names every missing index once", () => {
    const plan = planQuery(
      config({}),
      shape(
        or(
          and(field("a", "EQUAL"), field("x", "GREATER_THAN")),
          and(field("a", "EQUAL"), field("x", "LESS_THAN")),
        ),
      ),
    );
    assert.equal(plan.missing.length, 1);
    assert.match(missingIndexMessage(plan.missing), /^The query requires an index\. add to "indexes"/);
  });
});

import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import {
  adminKey,
  appId,
  failure,
  searchKey,
  startTestAlgolia,
  type TestAlgolia,
} from "./testing/test-client.js";

describe("local Algolia server: keys, records, settings and tasks (official algoliasearch client)", () => {
  let algolia: TestAlgolia;
  before(async () => {
    algolia = await startTestAlgolia();
  });
  beforeEach(() => algolia.server.reset());
  after(() => algolia.server.close());

  it("refuses a wrong application id or key with Algolia's 403 body", async () => {
    for (const client of [algolia.clientWith("OTHERAPP", adminKey), algolia.clientWith(appId, "guessed")]) {
      assert.deepEqual(await failure(client.searchSingleIndex({ indexName: "items" })), {
        status: 403,
        message: "Invalid Application-ID or API key",
      });
    }
    const raw = await fetch(`${algolia.server.url}/1/indexes`, {
      headers: { "X-Algolia-API-Key": adminKey },
    });
    assert.equal(raw.status, 403);
    assert.deepEqual(await raw.json(), { message: "Invalid Application-ID or API key", status: 403 });
  });

  it("lets a search-only key search and read, never write or change settings", async () => {
    await algolia.admin.saveObjects({ indexName: "items", objects: [{ objectID: "a", title: "Alpha" }] });
    const { search } = algolia;
    assert.equal((await search.searchSingleIndex({ indexName: "items" })).nbHits, 1);
    assert.equal((await search.getObject({ indexName: "items", objectID: "a" })).title, "Alpha");
    const denied = { status: 403, message: "Method not allowed with this API key" };
    assert.deepEqual(await failure(search.saveObject({ indexName: "items", body: { title: "x" } })), denied);
    assert.deepEqual(await failure(search.deleteObject({ indexName: "items", objectID: "a" })), denied);
    assert.deepEqual(await failure(search.setSettings({ indexName: "items", indexSettings: {} })), denied);
    assert.deepEqual(await failure(search.clearObjects({ indexName: "items" })), denied);
    assert.equal((await algolia.admin.getObject({ indexName: "items", objectID: "a" })).title, "Alpha");
  });

  it("answers unknown routes, bad JSON, missing records and indexes in Algolia's error shape", async () => {
    const headers = { "X-Algolia-Application-Id": appId, "X-Algolia-API-Key": searchKey };
    const unknown = await fetch(`${algolia.server.url}/1/nothing/here`, { headers });
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { status: number }).status, 404);
    const badJson = await fetch(`${algolia.server.url}/1/indexes/*/queries`, {
      method: "POST",
      headers,
      body: "{",
    });
    assert.deepEqual(await badJson.json(), { message: "Invalid JSON", status: 400 });
    assert.deepEqual(await failure(algolia.search.searchSingleIndex({ indexName: "missing" })), {
      status: 404,
      message: "Index does not exist",
    });
    await algolia.admin.saveObjects({ indexName: "items", objects: [{ objectID: "a" }] });
    assert.deepEqual(await failure(algolia.admin.getObject({ indexName: "items", objectID: "b" })), {
      status: 404,
      message: "ObjectID does not exist",
    });
    const badPath = await fetch(`${algolia.server.url}/1/indexes/%E0%A4%A/x`, { headers });
    assert.equal(badPath.status, 400);
    const preflight = await fetch(`${algolia.server.url}/1/indexes/items/query`, { method: "OPTIONS" });
    assert.equal(preflight.headers.get("access-control-allow-origin"), "*");
  });

  it("applies batch actions in order and publishes every task at once", async () => {
    const { admin } = algolia;
    const [batch] = await admin.chunkedBatch({
      indexName: "items",
      objects: [
        { objectID: "a", title: "Alpha", n: 1 },
        { objectID: "b", title: "Beta", n: 2 },
      ],
      waitForTasks: true,
    });
    assert.deepEqual(batch?.objectIDs, ["a", "b"]);
    const response = await admin.batch({
      indexName: "items",
      batchWriteParams: {
        requests: [
          { action: "updateObject", body: { objectID: "a", title: "Alpha 2" } },
          {
            action: "partialUpdateObject",
            body: { objectID: "b", n: { _operation: "Increment", value: 5 } },
          },
          { action: "partialUpdateObjectNoCreate", body: { objectID: "ghost", n: 1 } },
          { action: "deleteObject", body: { objectID: "a" } },
          { action: "addObject", body: { title: "Generated id" } },
        ],
      },
    });
    await admin.waitForTask({ indexName: "items", taskID: response.taskID });
    assert.equal((await admin.getTask({ indexName: "items", taskID: response.taskID })).status, "published");
    assert.equal((await admin.getAppTask({ taskID: response.taskID })).status, "published");
    const all = await admin.searchSingleIndex({ indexName: "items" });
    assert.equal(all.nbHits, 2);
    assert.equal((await admin.getObject({ indexName: "items", objectID: "b" })).n, 7);
    assert.deepEqual(await failure(admin.getObject({ indexName: "items", objectID: "ghost" })), {
      status: 404,
      message: "ObjectID does not exist",
    });
  });

  it("refuses a whole batch with an unknown action", async () => {
    const { admin } = algolia;
    await admin.saveObjects({ indexName: "items", objects: [{ objectID: "a" }] });
    const bad = admin.batch({
      indexName: "items",
      batchWriteParams: {
        requests: [
          { action: "deleteObject", body: { objectID: "a" } },
          // @ts-expect-error: an action Algolia does not have
          { action: "upsert", body: { objectID: "b" } },
        ],
      },
    });
    assert.equal((await failure(bad)).status, 400);
    assert.equal((await admin.searchSingleIndex({ indexName: "items" })).nbHits, 1);
  });

  it("saves, replaces and deletes single records, clears and deletes indexes", async () => {
    const { admin } = algolia;
    await admin.addOrUpdateObject({
      indexName: "items",
      objectID: "x/1",
      body: { title: "Slash id", old: true },
    });
    await admin.addOrUpdateObject({ indexName: "items", objectID: "x/1", body: { title: "Replaced" } });
    assert.deepEqual(await admin.getObject({ indexName: "items", objectID: "x/1" }), {
      objectID: "x/1",
      title: "Replaced",
    });
    assert.deepEqual(
      await admin.getObject({ indexName: "items", objectID: "x/1", attributesToRetrieve: ["objectID"] }),
      { objectID: "x/1" },
    );
    const saved = await admin.saveObject({ indexName: "items", body: { title: "Auto" } });
    assert.ok(saved.objectID);
    await admin.deleteObject({ indexName: "items", objectID: "x/1" });
    assert.equal((await admin.searchSingleIndex({ indexName: "items" })).nbHits, 1);
    await admin.clearObjects({ indexName: "items" });
    assert.equal((await admin.searchSingleIndex({ indexName: "items" })).nbHits, 0);
    await admin.deleteIndex({ indexName: "items" });
    assert.equal(await admin.indexExists({ indexName: "items" }), false);
  });

  it("treats IncrementSet and IncrementFrom as conditions on the whole partial update", async () => {
    const { admin } = algolia;
    const update = (title: string, version: number) =>
      admin.partialUpdateObject({
        indexName: "items",
        objectID: "a",
        attributesToUpdate: { title, version: { _operation: "IncrementSet", value: version } },
      });
    await update("second", 2);
    await update("first", 1);
    await update("second again", 2);
    assert.deepEqual(await admin.getObject({ indexName: "items", objectID: "a" }), {
      objectID: "a",
      title: "second",
      version: 2,
    });
    await admin.partialUpdateObject({
      indexName: "items",
      objectID: "a",
      attributesToUpdate: { title: "from 2", version: { _operation: "IncrementFrom", value: 2 } },
    });
    assert.equal((await admin.getObject({ indexName: "items", objectID: "a" })).version, 3);
    await admin.partialUpdateObject({
      indexName: "items",
      objectID: "b",
      attributesToUpdate: { tags: { _operation: "AddUnique", value: "x" } },
      createIfNotExists: false,
    });
    assert.equal(
      (await admin.getObjects({ requests: [{ indexName: "items", objectID: "b" }] })).results[0],
      null,
    );
  });

  it("keeps settings, creates replicas from them, and forwards shared settings on request", async () => {
    const { admin } = algolia;
    await admin.setSettings({
      indexName: "items",
      indexSettings: {
        searchableAttributes: ["title"],
        attributesForFaceting: ["game"],
        customRanking: ["desc(rating)"],
        replicas: ["items_price_asc", "virtual(items_newest)"],
      },
    });
    const standard = await admin.getSettings({ indexName: "items_price_asc" });
    assert.deepEqual(standard.attributesForFaceting, ["game"]);
    assert.equal(standard.primary, "items");
    await admin.setSettings({
      indexName: "items",
      indexSettings: { attributesForFaceting: ["game", "rank"] },
      forwardToReplicas: true,
    });
    assert.deepEqual((await admin.getSettings({ indexName: "items_price_asc" })).attributesForFaceting, [
      "game",
      "rank",
    ]);
    const indexes = await admin.listIndices();
    assert.deepEqual(
      indexes.items.map((index) => [index.name, index.primary ?? null]),
      [
        ["items", null],
        ["items_newest", "items"],
        ["items_price_asc", "items"],
      ],
    );
    const write = admin.saveObject({ indexName: "items_price_asc", body: { title: "x" } });
    assert.equal((await failure(write)).status, 400);
    const badSetting = admin.setSettings({
      indexName: "items",
      indexSettings: { customRanking: ["rating"] },
    });
    assert.deepEqual(await failure(badSetting), {
      status: 400,
      message: "Invalid value for setting customRanking",
    });
  });
});

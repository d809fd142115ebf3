import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type FirestoreGuard, startFirestoreGuard } from "../../../emulators/src/firestore-guard/index.js";
import { firestoreSearch } from "./firestore-search.js";
import { SearchQuery } from "./search-contract.js";

// The entry the keyword search needs: status == active, keywords array-contains, newest first.
const keywordIndex = {
  collectionGroup: "listings",
  queryScope: "COLLECTION",
  fields: [
    { fieldPath: "keywords", arrayConfig: "CONTAINS" },
    { fieldPath: "publishedAt", order: "DESCENDING" },
  ],
};

interface IndexesFile {
  indexes: unknown[];
  fieldOverrides: unknown[];
}

/**
 * The product's own search query, run through a guard whose indexes file lacks one entry of the real
 * firestore.indexes.json: it fails as production would, naming the entry to add back. This file never
 * touches Firestore through the stack, so the product code's Firestore client talks to this guard only.
 */
describe("firestore.indexes.json without the keyword-search entry", () => {
  let guard: FirestoreGuard;

  before(async () => {
    const declared = JSON.parse(
      readFileSync(join(process.cwd(), "firestore.indexes.json"), "utf8"),
    ) as IndexesFile;
    const without = declared.indexes.filter(
      (entry) => JSON.stringify(entry) !== JSON.stringify(keywordIndex),
    );
    assert.equal(without.length, declared.indexes.length - 1, "the real file declares the entry");
    const file = join(mkdtempSync(join(tmpdir(), "jiga-indexes-")), "firestore.indexes.json");
    writeFileSync(file, JSON.stringify({ ...declared, indexes: without }));
    const upstream = process.env.JIGA_FIRESTORE_UPSTREAM_HOST ?? assert.fail("run with npm test");
    guard = await startFirestoreGuard({ upstream, indexesFile: file, mode: "enforce", log: () => {} });
    process.env.FIRESTORE_EMULATOR_HOST = guard.address;
  });

  after(() => guard.close());

  it("fails the marketplace keyword search with FAILED_PRECONDITION and the missing entry", async () => {
    const error = await firestoreSearch.search(SearchQuery.parse({ q: "valorant" })).then(
      () => assert.fail("the search should need the removed index"),
      (failure: { code?: number; message: string }) => failure,
    );
    assert.equal(error.code, 9, error.message);
    assert.match(error.message, /requires an index/);
    assert.match(error.message, /"fieldPath": ?"keywords"/);
    assert.match(error.message, /"arrayConfig": ?"CONTAINS"/);
  });

  it("still serves the searches whose entries are there", async () => {
    const page = await firestoreSearch.search(SearchQuery.parse({ game: "valorant" }));
    assert.equal(page.backend, "firestore");
  });
});

/** The data model, orderings and node hash, without a server. */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { nodeHash } from "./node-hash.js";
import { compareValues, nameCompare } from "./ordering.js";
import { applyQuery, parseWireQuery } from "./query.js";
import { getChild, nodeFromJson, nodeToExportJson, nodeToJson, setChild } from "./tree.js";

const sha1 = (text: string) => createHash("sha1").update(text).digest("base64");

test("null deletes, empty objects vanish, arrays become integer-keyed objects and come back dense", () => {
  assert.equal(nodeFromJson({ a: null, b: {} }), null);
  assert.deepEqual(nodeToJson(nodeFromJson({ a: { b: {} }, c: 1 })), { c: 1 });
  assert.deepEqual(nodeToJson(nodeFromJson(["x", "y"])), ["x", "y"]);
  assert.deepEqual(nodeToJson(nodeFromJson({ 0: "a", 2: "c" })), ["a", null, "c"]);
  assert.deepEqual(nodeToJson(nodeFromJson({ 0: "a", 5: "f" })), { 0: "a", 5: "f" });
  const tree = setChild(nodeFromJson({ a: { b: 1 } }), ["a", "b"], null);
  assert.equal(tree, null, "removing the last leaf removes its empty parents");
  assert.throws(() => nodeFromJson({ "bad.key": 1 }), /Invalid key/);
});

test("priorities survive in export format and can be set through .priority", () => {
  const node = nodeFromJson({ a: { ".value": "x", ".priority": 2 }, ".priority": "top" });
  assert.deepEqual(nodeToExportJson(node), { a: { ".value": "x", ".priority": 2 }, ".priority": "top" });
  assert.deepEqual(nodeToJson(node), { a: "x" });
  const updated = setChild(node, ["a", ".priority"], nodeFromJson(7));
  assert.deepEqual(nodeToJson(getChild(updated, ["a", ".priority"])), 7);
});

test("keys that are 32-bit integers sort numerically before strings", () => {
  const keys = ["b", "10", "a", "-5", "9", "2147483648", "A"];
  assert.deepEqual(keys.sort(nameCompare), ["-5", "9", "10", "2147483648", "A", "a", "b"]);
});

test("values order null < false < true < numbers < strings < objects", () => {
  const values = [{ x: 1 }, "b", 3, true, null, "a", false, -1].map((value) => nodeFromJson(value));
  const sorted = values.sort(compareValues).map((node) => nodeToJson(node));
  assert.deepEqual(sorted, [null, false, true, -1, 3, "a", "b", { x: 1 }]);
});

test("queries select by child, with key-name tie breaks and limits from either end", () => {
  const data = nodeFromJson({ a: { s: 1 }, b: { s: 2 }, c: { s: 2 }, d: { s: "x" }, e: { t: 0 } });
  const keys = (q: Record<string, unknown>) => [
    ...((applyQuery(data, parseWireQuery(q)) as { children?: Map<string, unknown> })?.children?.keys() ?? []),
  ];
  assert.deepEqual(keys({ i: "s", sp: 2, sin: true, l: 10, vf: "l" }), ["b", "c", "d"]);
  assert.deepEqual(keys({ i: "s", sp: 2, sn: "c", sin: true, ep: 2, ein: true }), ["c"]);
  assert.deepEqual(keys({ i: "s", ep: 2, ein: true, l: 2, vf: "r" }), ["b", "c"]);
  assert.deepEqual(keys({ i: "s", sp: null, sin: true, ep: null, ein: true }), ["e"]);
  assert.deepEqual(keys({ i: ".key", sp: "b", sin: false, l: 2, vf: "l" }), ["c", "d"]);
});

test("node hashes match the SDK's format", () => {
  assert.equal(nodeHash(null), "");
  assert.equal(nodeHash(nodeFromJson("a")), sha1("string:a"));
  assert.equal(nodeHash(nodeFromJson(1)), sha1("number:3ff0000000000000"));
  assert.equal(nodeHash(nodeFromJson(true)), sha1("boolean:true"));
  const leafWithPriority = nodeFromJson({ ".value": "v", ".priority": 1 });
  assert.equal(nodeHash(leafWithPriority), sha1("priority:number:3ff0000000000000:string:v"));
  const branch = nodeFromJson({ b: "y", a: { ".value": "x", ".priority": "p" } });
  const expected = sha1(`:b:${sha1("string:y")}:a:${sha1("priority:string:p:string:x")}`);
  assert.equal(nodeHash(branch), expected, "children hash in priority order");
});

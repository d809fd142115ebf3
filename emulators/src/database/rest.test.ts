/**
 * The REST API as curl or firebase-tools would use it: verbs, shallow reads, orderBy filters,
 * ETags, print modes, export format, auth, namespaces, import/export and streaming.
 */
import assert from "node:assert/strict";
import { request } from "node:http";
import { after, before, test } from "node:test";
import { type RunningDatabaseEmulator, startDatabaseEmulator } from "./index.js";

let emulator: RunningDatabaseEmulator;

before(async () => {
  emulator = await startDatabaseEmulator({ port: 0, projectId: "demo-jiga", log: () => {} });
});

after(() => emulator.close());

const OWNER = { Authorization: "Bearer owner" };

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: text ? (JSON.parse(text) as unknown) : undefined,
  };
}

test("every verb: PUT, GET, PATCH, POST with push ids, DELETE", async () => {
  assert.deepEqual((await call("PUT", "/verbs/a.json?ns=rest", { x: 1, y: { z: true } })).json, {
    x: 1,
    y: { z: true },
  });
  assert.deepEqual((await call("PATCH", "/verbs/a.json?ns=rest", { "y/z": false, w: "new" })).json, {
    "y/z": false,
    w: "new",
  });
  assert.deepEqual((await call("GET", "/verbs/a.json?ns=rest")).json, { x: 1, y: { z: false }, w: "new" });
  const first = (await call("POST", "/verbs/list.json?ns=rest", { n: 1 })).json as { name: string };
  const second = (await call("POST", "/verbs/list.json?ns=rest", { n: 2 })).json as { name: string };
  assert.match(first.name, /^[-0-9A-Za-z_]{20}$/);
  assert.ok(first.name < second.name, "push ids sort by creation time");
  assert.deepEqual((await call("GET", "/verbs/list.json?ns=rest")).json, {
    [first.name]: { n: 1 },
    [second.name]: { n: 2 },
  });
  assert.equal((await call("DELETE", "/verbs/a.json?ns=rest")).text, "null");
  assert.equal((await call("GET", "/verbs/a.json?ns=rest")).text, "null");
  assert.deepEqual((await call("PUT", "/arr.json?ns=rest", ["a", "b", "c"])).json, ["a", "b", "c"]);
  assert.deepEqual((await call("GET", "/arr.json?ns=rest")).json, ["a", "b", "c"]);
  assert.deepEqual((await call("PUT", "/empty.json?ns=rest", { a: {} })).status, 200);
  assert.equal((await call("GET", "/empty.json?ns=rest")).text, "null");
  assert.equal((await call("PUT", "/bad.json?ns=rest", undefined, {})).status, 400);
});

test("shallow, orderBy filters, print and export format", async () => {
  const data = { c: { age: 3, ".priority": 1 }, a: { age: 1 }, b: { age: 2, ".priority": 2 }, d: { age: 4 } };
  await call("PUT", "/people.json?ns=rest", data);
  assert.deepEqual((await call("GET", "/people.json?ns=rest&shallow=true")).json, {
    a: true,
    b: true,
    c: true,
    d: true,
  });
  const q = (params: string) => call("GET", `/people.json?ns=rest&${params}`).then((r) => r.json);
  assert.deepEqual(await q('orderBy="age"&limitToFirst=2'), await q('orderBy="age"&endAt=2'));
  assert.deepEqual(await q('orderBy="age"&limitToFirst=2'), { a: { age: 1 }, b: { age: 2 } });
  assert.deepEqual(await q('orderBy="age"&startAt=3'), { c: { age: 3 }, d: { age: 4 } });
  assert.deepEqual(await q('orderBy="age"&equalTo=2'), { b: { age: 2 } });
  assert.deepEqual(await q('orderBy="$key"&startAt="b"&endAt="c"'), { b: { age: 2 }, c: { age: 3 } });
  assert.deepEqual(await q('orderBy="$key"&limitToLast=1'), { d: { age: 4 } });
  assert.deepEqual(await q('orderBy="$priority"&limitToLast=2'), { c: { age: 3 }, b: { age: 2 } });
  const badQuery = await call("GET", "/people.json?ns=rest&limitToFirst=1");
  assert.equal(badQuery.status, 400);
  assert.match((badQuery.json as { error: string }).error, /orderBy/);
  assert.equal((await call("GET", "/people.json?ns=rest&orderBy=age")).status, 400);
  const exported = (await call("GET", "/people.json?ns=rest&format=export")).json as Record<string, unknown>;
  assert.deepEqual(exported.c, { age: 3, ".priority": 1 });
  const pretty = await call("GET", "/people/a.json?ns=rest&print=pretty");
  assert.equal(pretty.text, JSON.stringify({ age: 1 }, null, 2));
  const silent = await call("PUT", "/people/e.json?ns=rest&print=silent", { age: 5 });
  assert.equal(silent.status, 204);
  assert.equal(silent.text, "");
});

test("ETags make writes conditional", async () => {
  await call("PUT", "/stock.json?ns=rest", 10);
  const read = await call("GET", "/stock.json?ns=rest", undefined, { "X-Firebase-ETag": "true" });
  const etag = read.headers.get("etag");
  assert.ok(etag);
  const stale = await call("PUT", "/stock.json?ns=rest", 9, { "if-match": "not-the-etag" });
  assert.equal(stale.status, 412);
  assert.equal(stale.text, "10");
  assert.equal(stale.headers.get("etag"), etag);
  const fresh = await call("PUT", "/stock.json?ns=rest", 9, { "if-match": etag });
  assert.equal(fresh.status, 200);
  assert.notEqual(fresh.headers.get("etag"), etag);
  assert.equal((await call("GET", "/stock.json?ns=rest")).text, "9");
});

test("auth parameters, bearer tokens and rules", async () => {
  const rules = {
    rules: { open: { ".read": true, ".write": "auth != null" }, ".read": "auth.uid == 'root'" },
  };
  assert.equal((await call("PUT", "/.settings/rules.json?ns=secure", rules, OWNER)).status, 200);
  const denied = await call("GET", "/.json?ns=secure");
  assert.equal(denied.status, 401);
  assert.deepEqual(denied.json, { error: "Permission denied" });
  assert.equal((await call("PUT", "/open/x.json?ns=secure", 1)).status, 401);
  const token = ["none", JSON.stringify({ sub: "root", user_id: "root" }), ""]
    .map((part, i) =>
      i === 0
        ? Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")
        : Buffer.from(part).toString("base64url"),
    )
    .join(".");
  assert.equal((await call("PUT", `/open/x.json?ns=secure&auth=${token}`, 1)).status, 200);
  assert.equal(
    (await call("GET", "/.json?ns=secure", undefined, { Authorization: `Bearer ${token}` })).status,
    200,
  );
  assert.equal((await call("GET", "/.json?ns=secure&access_token=owner")).status, 200);
  assert.equal((await call("GET", "/open.json?ns=secure")).text, '{"x":1}');
  assert.equal((await call("GET", "/.json?ns=secure&auth=garbage")).status, 401);
});

test("namespaces are isolated, chosen by ?ns= or <ns>.localhost, listed, imported, exported and reset", async () => {
  await call("PUT", "/k.json?ns=one", "in one");
  await call("PUT", "/k.json?ns=two", "in two");
  assert.equal((await call("GET", "/k.json?ns=one")).json, "in one");
  assert.equal((await call("GET", "/k.json?ns=two")).json, "in two");
  const viaHost = await new Promise<string>((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: emulator.port,
        path: "/k.json",
        headers: { Host: `two.localhost:${emulator.port}` },
      },
      (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => resolve(text));
      },
    );
    req.on("error", reject);
    req.end();
  });
  assert.equal(viaHost, '"in two"');
  await call("PUT", "/d.json", "default");
  assert.equal((await call("GET", "/d.json?ns=demo-jiga-default-rtdb")).json, "default");
  const listed = (await call("GET", "/.inspect/databases.json", undefined, OWNER)).json as Array<{
    name: string;
  }>;
  for (const name of ["one", "two", "demo-jiga-default-rtdb"])
    assert.ok(listed.some((db) => db.name === name));
  // firebase-tools' export probes each namespace like this before exporting it.
  assert.deepEqual((await call("GET", "/.json?ns=two&shallow=true&limitToFirst=1", undefined, OWNER)).json, {
    k: true,
  });
  const dump = { users: { u1: { name: "Ann", ".priority": 3 } }, flag: { ".value": true, ".priority": "p" } };
  assert.equal((await call("PUT", "/.json?ns=imported&disableTriggers=true", dump, OWNER)).status, 200);
  assert.deepEqual((await call("GET", "/.json?ns=imported&format=export", undefined, OWNER)).json, dump);
  assert.equal((await call("DELETE", "/.json?ns=one", undefined, OWNER)).status, 200);
  assert.equal((await call("GET", "/.json?ns=one")).text, "null");
  assert.equal((await call("GET", "/k.json?ns=two")).json, "in two");
  emulator.reset("two");
  assert.equal((await call("GET", "/.json?ns=two")).text, "null");
  emulator.reset();
  assert.equal((await call("GET", "/.json?ns=imported")).text, "null");
});

test("event streams receive put and patch events", async () => {
  await call("PUT", "/feed.json?ns=stream", { a: 1 });
  const controller = new AbortController();
  const response = await fetch(`${emulator.url}/feed.json?ns=stream`, {
    headers: { Accept: "text/event-stream" },
    signal: controller.signal,
  });
  assert.equal(response.headers.get("content-type"), "text/event-stream");
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const nextEvent = async (): Promise<{ event: string; data: unknown }> => {
    for (;;) {
      const end = buffer.indexOf("\n\n");
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1] ?? "";
        const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? "null") as unknown;
        return { event, data };
      }
      const { value, done } = await reader.read();
      if (done) throw new Error("stream ended");
      buffer += decoder.decode(value, { stream: true });
    }
  };
  assert.deepEqual(await nextEvent(), { event: "put", data: { path: "/", data: { a: 1 } } });
  await call("PUT", "/feed/b.json?ns=stream", { c: 2 });
  assert.deepEqual(await nextEvent(), { event: "put", data: { path: "/b", data: { c: 2 } } });
  await call("PATCH", "/feed.json?ns=stream", { a: 5, "b/c": 3 });
  assert.deepEqual(await nextEvent(), { event: "patch", data: { path: "/", data: { a: 5, "b/c": 3 } } });
  await call("DELETE", "/.json?ns=stream", undefined, OWNER);
  assert.deepEqual(await nextEvent(), { event: "put", data: { path: "/", data: null } });
  controller.abort();
});

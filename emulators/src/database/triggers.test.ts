/**
 * Trigger firing against a stand-in for the Functions emulator's background-trigger endpoint:
 * exact CloudEvent (v2) and legacy event (v1) bodies, wildcard matching, one event per matching
 * path, event-type filtering, upserted registrations, and silent imports.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, beforeEach, test } from "node:test";
import { type RunningDatabaseEmulator, startDatabaseEmulator } from "./index.js";

interface Received {
  url: string;
  contentType: string | undefined;
  body: Record<string, unknown>;
}

let functions: Server;
let received: Received[] = [];
let emulator: RunningDatabaseEmulator;
const OWNER = { Authorization: "Bearer owner" };

before(async () => {
  functions = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk: Buffer) => (text += chunk.toString()));
    req.on("end", () => {
      received.push({
        url: req.url ?? "",
        contentType: req.headers["content-type"],
        body: JSON.parse(text) as Record<string, unknown>,
      });
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ status: "acknowledged" }));
    });
  });
  await new Promise<void>((resolve) => functions.listen(0, "127.0.0.1", resolve));
  const { port } = functions.address() as AddressInfo;
  emulator = await startDatabaseEmulator({
    port: 0,
    functionsEmulator: { host: "127.0.0.1", port },
    log: () => {},
  });
  const register = async (body: unknown, ns?: string) => {
    const query = ns ? `?ns=${ns}` : "";
    const response = await fetch(`${emulator.url}/.settings/functionTriggers.json${query}`, {
      method: "POST",
      headers: OWNER,
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {});
  };
  await register({
    name: "projects/demo-jiga/locations/us-central1/triggers/us-central1-onMessageWritten",
    path: "msgs/{id}",
    event: "google.firebase.database.ref.v1.written",
    topic: "projects/demo-jiga/topics/us-central1-onMessageWritten",
    namespacePattern: "*",
  });
  await register({
    name: "projects/demo-jiga/locations/us-central1/triggers/us-central1-onRoomCreated",
    path: "rooms/{room}",
    event: "google.firebase.database.ref.v1.created",
    topic: "projects/demo-jiga/topics/us-central1-onRoomCreated",
    namespacePattern: "chat",
  });
  await register(
    {
      name: "projects/demo-jiga/locations/_/functions/onOrderWrite",
      path: "/orders/{orderId}/items/{itemId}",
      event: "providers/google.firebase.database/eventTypes/ref.write",
      topic: "projects/demo-jiga/topics/onOrderWrite",
    },
    "shop",
  );
});

beforeEach(() => settle());

after(async () => {
  await emulator.close();
  await new Promise((resolve) => functions.close(resolve));
});

async function rest(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = OWNER,
): Promise<void> {
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.equal(response.status, 200, await response.text());
}

/** Waits out events from setup writes, then starts recording afresh. */
async function settle(): Promise<void> {
  await emulator.triggersIdle();
  received = [];
}

async function firedEvents(): Promise<Received[]> {
  await emulator.triggersIdle();
  return received;
}

function withoutIdAndTime(body: Record<string, unknown>): Record<string, unknown> {
  const { id, time, ...rest } = body;
  assert.match(String(id), /^[0-9a-f-]{36}$/);
  assert.ok(!Number.isNaN(Date.parse(String(time))));
  return rest;
}

const v2Base = {
  specversion: "1.0",
  type: "google.firebase.database.ref.v1.written",
  source: "//firebasedatabase.googleapis.com/projects/_/locations/us-central1/instances/chat",
  instance: "chat",
  firebasedatabasehost: "firebaseio.com",
  location: "us-central1",
};

test("set, update and delete each fire one v2 CloudEvent with before data and delta", async () => {
  await rest("PUT", "/msgs/abc.json?ns=chat", { text: "hi", from: "ann" });
  await rest("PATCH", "/msgs/abc.json?ns=chat", { text: "edited" });
  await rest("DELETE", "/msgs/abc.json?ns=chat");
  const events = await firedEvents();
  assert.deepEqual(
    events.map((event) => [event.url, event.contentType]),
    Array(3).fill([
      "/functions/projects/demo-jiga/triggers/us-central1-onMessageWritten",
      "application/cloudevents+json",
    ]),
  );
  const common = { ...v2Base, ref: "msgs/abc", authtype: "admin" };
  assert.deepEqual(withoutIdAndTime(events[0]?.body ?? {}), {
    ...common,
    data: { data: null, delta: { text: "hi", from: "ann" } },
  });
  assert.deepEqual(withoutIdAndTime(events[1]?.body ?? {}), {
    ...common,
    data: { data: { text: "hi", from: "ann" }, delta: { text: "edited" } },
  });
  assert.deepEqual(withoutIdAndTime(events[2]?.body ?? {}), {
    ...common,
    data: { data: { text: "edited", from: "ann" }, delta: null },
  });
});

test("a multi-path update fires once per matching path; unchanged paths and other event types stay quiet", async () => {
  await rest("PUT", "/.json?ns=chat", {
    msgs: { a: { text: "1" }, b: { text: "2" } },
    rooms: { r1: { name: "lobby" } },
  });
  await settle();
  await rest("PATCH", "/.json?ns=chat", {
    "msgs/a/text": "one",
    "msgs/b/text": "2",
    "msgs/c": { text: "3" },
    "rooms/r1/name": "hall",
  });
  const events = (await firedEvents()).map((event) => withoutIdAndTime(event.body));
  assert.deepEqual(
    events.map((event) => [event.ref, event.data]),
    [
      ["msgs/a", { data: { text: "1" }, delta: { text: "one" } }],
      ["msgs/c", { data: null, delta: { text: "3" } }],
    ],
  );
});

test("a set replacing a parent reports removed children as nulls in the delta", async () => {
  await rest("PUT", "/msgs.json?ns=chat", { x: { text: "old", extra: true } }, OWNER);
  await settle();
  await rest("PUT", "/msgs.json?ns=chat", { x: { text: "new" } });
  const [event] = (await firedEvents()).map((fired) => withoutIdAndTime(fired.body));
  assert.deepEqual(event?.data, { data: { text: "old", extra: true }, delta: { text: "new", extra: null } });
});

test("created triggers fire only on creation, and only in their namespace", async () => {
  await rest("PUT", "/rooms/r9.json?ns=chat", { name: "new room" });
  await rest("PUT", "/rooms/r9/name.json?ns=chat", "renamed");
  await rest("PUT", "/rooms/r9.json?ns=other", { name: "elsewhere" });
  const events = (await firedEvents()).filter((event) => event.url.endsWith("onRoomCreated"));
  assert.equal(events.length, 1);
  assert.deepEqual(withoutIdAndTime(events[0]?.body ?? {}), {
    ...v2Base,
    type: "google.firebase.database.ref.v1.created",
    ref: "rooms/r9",
    authtype: "admin",
    data: { data: null, delta: { name: "new room" } },
  });
});

test("v1 triggers receive the legacy event with resource, params and auth", async () => {
  const token = [
    { alg: "none", typ: "JWT" },
    { sub: "u1", user_id: "u1", firebase: { sign_in_provider: "password" } },
  ]
    .map((part) => Buffer.from(JSON.stringify(part)).toString("base64url"))
    .join(".");
  await rest("PUT", `/orders/o1/items/i1.json?ns=shop&auth=${token}.`, { qty: 2 }, {});
  const [event] = await firedEvents();
  assert.equal(event?.url, "/functions/projects/demo-jiga/triggers/onOrderWrite");
  assert.equal(event?.contentType, "application/json");
  const { eventId, timestamp, ...body } = event?.body ?? {};
  assert.ok(typeof eventId === "string" && typeof timestamp === "string");
  assert.deepEqual(body, {
    eventType: "providers/google.firebase.database/eventTypes/ref.write",
    resource: "projects/_/instances/shop/refs/orders/o1/items/i1",
    data: { data: null, delta: { qty: 2 } },
    auth: {
      admin: false,
      variable: {
        uid: "u1",
        provider: "password",
        token: { sub: "u1", user_id: "u1", firebase: { sign_in_provider: "password" } },
      },
    },
    params: { orderId: "o1", itemId: "i1" },
  });
});

test("re-registering a function (disable/enable adds -N) replaces its old key", async () => {
  await rest("POST", "/.settings/functionTriggers.json", {
    name: "projects/demo-jiga/locations/us-central1/triggers/us-central1-onMessageWritten-1",
    path: "msgs/{id}",
    event: "google.firebase.database.ref.v1.written",
    topic: "projects/demo-jiga/topics/us-central1-onMessageWritten-1",
    namespacePattern: "*",
  });
  await rest("PUT", "/msgs/z.json?ns=any", "z");
  const events = await firedEvents();
  assert.deepEqual(
    events.map((event) => event.url),
    ["/functions/projects/demo-jiga/triggers/us-central1-onMessageWritten-1"],
  );
});

test("imports with disableTriggers=true fire nothing", async () => {
  await rest("PUT", "/.json?ns=chat&disableTriggers=true", {
    msgs: { q: { text: "imported" } },
    rooms: { r5: { name: "x" } },
  });
  assert.deepEqual(await firedEvents(), []);
});

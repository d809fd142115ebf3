/**
 * Realtime Database emulator benchmark (loopback only, about 20 s):
 *   node --import tsx emulators/bench/database.ts
 *
 * The emulator runs in its own process (as in the local stack) so that client work does not
 * steal its CPU; its memory is read from /proc. Measures:
 *   1. set/get round trips through the Admin SDK (p50/p99)
 *   2. one write fanned out to 1,000 WebSocket listeners speaking the SDK protocol
 *   3. orderByChild + limitToFirst(50) over 10,000 children (one-shot and live update)
 *   4. server memory per connection
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { deleteApp, initializeApp } from "firebase-admin/app";
import { type Database, getDatabase } from "firebase-admin/database";
import WebSocket from "ws";

const LISTENERS = 1000;
const FANOUT_ROUNDS = 10;
const CHILDREN = 10_000;
const NS = "bench";

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function summary(samples: number[]): string {
  return `p50 ${percentile(samples, 50).toFixed(2)} ms, p99 ${percentile(samples, 99).toFixed(2)} ms, max ${Math.max(...samples).toFixed(2)} ms (n=${samples.length})`;
}

function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(match?.[1] ?? 0) / 1024;
}

async function startEmulatorProcess(): Promise<{ child: ChildProcess; port: number }> {
  const cli = fileURLToPath(new URL("../src/database/cli.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", cli, "--host", "127.0.0.1", "--port", "0"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve) =>
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", resolve),
  );
  const port = Number(/:(\d+)$/.exec(line)?.[1]);
  return { child, port };
}

async function measureSetGet(db: Database): Promise<void> {
  const setTimes: number[] = [];
  const getTimes: number[] = [];
  for (let i = 0; i < 500; i++) {
    let start = performance.now();
    await db.ref(`latency/k${i % 50}`).set({ i, at: Date.now() });
    setTimes.push(performance.now() - start);
    start = performance.now();
    await db.ref(`latency/k${i % 50}`).get();
    getTimes.push(performance.now() - start);
  }
  console.log(`set (admin SDK): ${summary(setTimes)}`);
  console.log(`get (admin SDK): ${summary(getTimes)}`);
}

/** A minimal protocol client: connect, listen on one path, report data pushes. */
function connectListener(port: number, path: string, onPush: (data: unknown) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/.ws?v=5&ns=${NS}`);
    socket.on("error", reject);
    socket.on("message", (raw) => {
      const message = JSON.parse(raw.toString()) as {
        t: string;
        d: { t?: string; r?: number; a?: string; b?: { d?: unknown } };
      };
      if (message.t === "c" && message.d.t === "h") {
        socket.send(JSON.stringify({ t: "d", d: { r: 1, a: "q", b: { p: path, h: "" } } }));
      } else if (message.t === "d" && message.d.r === 1) {
        resolve(socket);
      } else if (message.t === "d" && message.d.a === "d") {
        onPush(message.d.b?.d);
      }
    });
  });
}

async function measureFanout(db: Database, port: number, pid: number): Promise<void> {
  const rssBefore = rssMiB(pid);
  let round = -1;
  let roundStart = 0;
  let received = 0;
  let allReceived: () => void = () => {};
  const latencies: number[] = [];
  const onPush = (data: unknown) => {
    if ((data as { round?: number } | null)?.round !== round) return;
    latencies.push(performance.now() - roundStart);
    if (++received === LISTENERS) allReceived();
  };
  const sockets: WebSocket[] = [];
  const connectStart = performance.now();
  for (let batch = 0; batch < LISTENERS; batch += 100) {
    sockets.push(
      ...(await Promise.all(Array.from({ length: 100 }, () => connectListener(port, "/fanout", onPush)))),
    );
  }
  const connectMs = performance.now() - connectStart;
  await new Promise((resolve) => setTimeout(resolve, 300));
  const rssAfter = rssMiB(pid);
  console.log(`connected ${LISTENERS} listeners in ${connectMs.toFixed(0)} ms`);
  console.log(
    `server RSS ${rssBefore.toFixed(1)} -> ${rssAfter.toFixed(1)} MiB: ${(((rssAfter - rssBefore) * 1024) / LISTENERS).toFixed(1)} KiB per connection`,
  );
  const roundTimes: number[] = [];
  for (round = 0; round < FANOUT_ROUNDS; round++) {
    received = 0;
    const done = new Promise<void>((resolve) => {
      allReceived = resolve;
    });
    roundStart = performance.now();
    await db.ref("fanout").set({ round, payload: "x".repeat(200) });
    await done;
    roundTimes.push(performance.now() - roundStart);
  }
  console.log(`fan-out, time until all ${LISTENERS} listeners have a write: ${summary(roundTimes)}`);
  console.log(`fan-out, per-listener delivery latency: ${summary(latencies)}`);
  for (const socket of sockets) socket.terminate();
}

async function measureQuery(db: Database): Promise<void> {
  const children: Record<string, { score: number; name: string }> = {};
  for (let i = 0; i < CHILDREN; i++) children[`c${i}`] = { score: (i * 7919) % CHILDREN, name: `child ${i}` };
  const seedStart = performance.now();
  await db.ref("ranked").set(children);
  console.log(`seeded ${CHILDREN} children in ${(performance.now() - seedStart).toFixed(0)} ms`);
  const oneShot: number[] = [];
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    const snapshot = await db.ref("ranked").orderByChild("score").startAt(i).limitToFirst(50).get();
    oneShot.push(performance.now() - start);
    if (snapshot.numChildren() !== 50) throw new Error(`expected 50 children, got ${snapshot.numChildren()}`);
  }
  console.log(`orderByChild + limitToFirst(50) over ${CHILDREN} children, one-shot get: ${summary(oneShot)}`);
  const live = db.ref("ranked").orderByChild("score").limitToFirst(50);
  let expectedKey = "";
  let seen: () => void = () => {};
  live.on("child_added", (snapshot) => {
    if (snapshot.key === expectedKey) seen();
  });
  await live.once("value");
  const updates: number[] = [];
  for (let i = 0; i < 20; i++) {
    expectedKey = `c${i + 100}`;
    const arrived = new Promise<void>((resolve) => {
      seen = resolve;
    });
    const start = performance.now();
    await db.ref(`ranked/${expectedKey}/score`).set(-1 - i);
    await arrived;
    updates.push(performance.now() - start);
  }
  live.off();
  console.log(`same query, live: a child entering the window reaches the listener in ${summary(updates)}`);
}

async function main(): Promise<void> {
  const { child, port } = await startEmulatorProcess();
  const pid = child.pid as number;
  const app = initializeApp({ databaseURL: `http://127.0.0.1:${port}?ns=${NS}` }, "bench");
  const db = getDatabase(app);
  try {
    console.log(`Realtime Database emulator bench (emulator pid ${pid}, port ${port})`);
    await measureSetGet(db);
    await measureFanout(db, port, pid);
    await measureQuery(db);
  } finally {
    await deleteApp(app);
    child.kill("SIGTERM");
  }
}

const deadline = setTimeout(() => {
  console.error("bench exceeded 60 s; aborting");
  process.exit(1);
}, 60_000);
deadline.unref();

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

// Firestore guard overhead: latency (p50/p99) and throughput of the same firebase-admin calls made
//   1. straight to the Cloud Firestore emulator,
//   2. through a bare TCP relay in Node (the floor: what any extra hop through a Node process costs), and
//   3. through the guard (enforce mode, counting usage),
// interleaved in one run so load on the machine affects all three alike. Guard and relay run in
// processes of their own, as the guard does in the stack.
//   node --import tsx emulators/bench/firestore-guard.ts
// Uses JIGA_FIRESTORE_UPSTREAM_HOST when set; otherwise starts its own emulator on 127.0.0.1:8792.
// GUARD_BENCH_SAMPLES / GUARD_BENCH_THROUGHPUT_MS shorten or lengthen the run.
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { deleteApp, initializeApp } from "firebase-admin/app";
import type { Firestore } from "firebase-admin/firestore";
import { getFirestore } from "firebase-admin/firestore";

const PROJECT_ID = "demo-jiga";
const COLLECTION = "guard_bench";
const EMULATOR_JAR =
  "/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar";
const OWN_EMULATOR_PORT = 8792;
const SAMPLES = Number(process.env.GUARD_BENCH_SAMPLES ?? 300);
const WARMUP = 50;
const THROUGHPUT_MS = Number(process.env.GUARD_BENCH_THROUGHPUT_MS ?? 1000);
const CONCURRENCY = 16;
const GUARD_CLI = fileURLToPath(new URL("../src/firestore-guard/cli.ts", import.meta.url));
const THIS_FILE = fileURLToPath(import.meta.url);

const SIDES = ["emulator", "tcp relay", "guard"] as const;
/** The goal for the guard's added latency at p50. */
const GOAL_ADDED_P50_MS = 1;
type Side = (typeof SIDES)[number];

/** Child mode: the thinnest possible relay, bytes piped both ways, to measure the cost of the hop alone. */
function runBareRelay(upstream: string): void {
  const [host, port] = upstream.split(":");
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    const upstreamSocket = net.connect({ host, port: Number(port), noDelay: true });
    socket.pipe(upstreamSocket).pipe(socket);
    socket.on("error", () => upstreamSocket.destroy());
    upstreamSocket.on("error", () => socket.destroy());
  });
  server.listen(0, "127.0.0.1", () =>
    console.log(`ready on 127.0.0.1:${(server.address() as AddressInfo).port}`),
  );
}

async function startChild(args: string[]): Promise<{ address: string; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const address = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      const match = /ready on (\S+)/.exec(chunk.toString());
      if (match?.[1]) resolve(match[1]);
    });
    child.on("exit", (code) => reject(new Error(`${args[0]} exited with ${code}`)));
  });
  return { address, stop: () => child.kill("SIGTERM") };
}

async function startEmulator(): Promise<{ host: string; stop: () => void }> {
  const port = String(OWN_EMULATOR_PORT);
  const websocket = String(OWN_EMULATOR_PORT + 1);
  const child: ChildProcess = spawn(
    "java",
    [
      "-Duser.language=en",
      "-cp",
      EMULATOR_JAR,
      "com.google.cloud.datastore.emulator.firestore.CloudFirestore",
    ].concat(
      ["--host", "127.0.0.1", "--port", port, "--websocket_port", websocket],
      ["--project_id", PROJECT_ID, "--single_project_mode", "true"],
    ),
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("emulator did not start within 30 s")), 30_000);
    const onOutput = (chunk: Buffer) => {
      if (!chunk.toString().includes("Dev App Server is now running")) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout?.on("data", onOutput);
    child.stderr?.on("data", onOutput);
    child.on("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return { host: `127.0.0.1:${port}`, stop: () => child.kill("SIGTERM") };
}

function firestoreAt(address: string, name: string): { db: Firestore; close: () => Promise<void> } {
  process.env.FIRESTORE_EMULATOR_HOST = address;
  const app = initializeApp({ projectId: PROJECT_ID }, name);
  const db = getFirestore(app);
  return {
    db,
    close: async () => {
      await db.terminate();
      await deleteApp(app);
    },
  };
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

type Op = (db: Firestore) => Promise<unknown>;

async function latencies(op: Op, dbs: Record<Side, Firestore>): Promise<Record<Side, number[]>> {
  for (let i = 0; i < WARMUP; i += 1) for (const side of SIDES) await op(dbs[side]);
  const samples: Record<Side, number[]> = { emulator: [], "tcp relay": [], guard: [] };
  for (let i = 0; i < SAMPLES; i += 1) {
    // Rotate which side goes first so drift (GC, JIT, other load) affects all sides alike.
    for (let j = 0; j < SIDES.length; j += 1) {
      const side = SIDES[(i + j) % SIDES.length] as Side;
      const start = process.hrtime.bigint();
      await op(dbs[side]);
      samples[side].push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  for (const side of SIDES) samples[side].sort((a, b) => a - b);
  return samples;
}

async function throughput(op: Op, db: Firestore): Promise<number> {
  let done = 0;
  const deadline = Date.now() + THROUGHPUT_MS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < deadline) {
        await op(db);
        done += 1;
      }
    }),
  );
  return (done * 1000) / THROUGHPUT_MS;
}

async function guardUsage(address: string): Promise<{ reads: number; writes: number }> {
  const response = await fetch(`http://${address}/guard/v1/projects/${PROJECT_ID}/usage`);
  return (await response.json()) as { reads: number; writes: number };
}

async function main(): Promise<void> {
  const started = Date.now();
  const ownEmulator = process.env.JIGA_FIRESTORE_UPSTREAM_HOST ? undefined : await startEmulator();
  const upstream = process.env.JIGA_FIRESTORE_UPSTREAM_HOST ?? ownEmulator?.host ?? "";
  const indexesFile = join(mkdtempSync(join(tmpdir(), "firestore-guard-bench-")), "firestore.indexes.json");
  writeFileSync(indexesFile, JSON.stringify({ indexes: [], fieldOverrides: [] }));
  const guard = await startChild([
    GUARD_CLI,
    "--port",
    "0",
    "--upstream",
    upstream,
    "--indexes",
    indexesFile,
  ]);
  const relay = await startChild([THIS_FILE, "--relay", upstream]);
  const clients = {
    emulator: firestoreAt(upstream, "bench-emulator"),
    "tcp relay": firestoreAt(relay.address, "bench-relay"),
    guard: firestoreAt(guard.address, "bench-guard"),
  };
  const dbs = {
    emulator: clients.emulator.db,
    "tcp relay": clients["tcp relay"].db,
    guard: clients.guard.db,
  };
  try {
    const batch = dbs.emulator.batch();
    for (let i = 0; i < 20; i += 1) {
      batch.set(dbs.emulator.doc(`${COLLECTION}/d${i}`), { kind: i % 2 === 0 ? "even" : "odd", n: i });
    }
    await batch.commit();
    let writes = 0;
    const ops: Array<[string, Op]> = [
      ["doc get", (db) => db.doc(`${COLLECTION}/d1`).get()],
      ["small query (10 docs)", (db) => db.collection(COLLECTION).where("kind", "==", "even").get()],
      [
        "commit (1 set)",
        (db) => {
          writes += 1;
          return db.doc(`${COLLECTION}/w${writes % 50}`).set({ writes });
        },
      ],
    ];
    const fmt = (values: number[]) => values.map((v) => v.toFixed(2).padStart(6)).join(" ");
    console.log(`${SAMPLES} interleaved samples per side; throughput at concurrency ${CONCURRENCY}`);
    console.log(`columns: ${SIDES.join(" | ")}; "guard cost" = guard p50 minus tcp relay p50`);
    console.log(`goal: the guard adds under ${GOAL_ADDED_P50_MS} ms at p50`);
    console.log(
      `${"call".padEnd(22)} | ${"p50 ms".padEnd(20)} | ${"p99 ms".padEnd(20)} | ${"ops/s".padEnd(17)} | added p50 vs emulator | guard cost`,
    );
    for (const [name, op] of ops) {
      const lat = await latencies(op, dbs);
      const p50 = SIDES.map((side) => percentile(lat[side], 0.5));
      const p99 = SIDES.map((side) => percentile(lat[side], 0.99));
      const ops: number[] = [];
      for (const side of SIDES) ops.push(await throughput(op, dbs[side]));
      const [emulatorP50 = 0, relayP50 = 0, guardP50 = 0] = p50;
      console.log(
        [
          name.padEnd(22),
          fmt(p50),
          fmt(p99),
          ops.map((v) => v.toFixed(0).padStart(5)).join(" "),
          `+${(guardP50 - emulatorP50).toFixed(2)} ms ${guardP50 - emulatorP50 < GOAL_ADDED_P50_MS ? "(goal met)" : "(over goal)"}`.padEnd(
            21,
          ),
          `${(guardP50 - relayP50).toFixed(2)} ms`,
        ].join(" | "),
      );
    }
    const usage = await guardUsage(guard.address);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`guard counted ${usage.reads} reads, ${usage.writes} writes; run took ${seconds} s`);
    await dbs.emulator.recursiveDelete(dbs.emulator.collection(COLLECTION));
  } finally {
    for (const client of Object.values(clients)) await client.close();
    guard.stop();
    relay.stop();
    ownEmulator?.stop();
  }
}

if (process.argv[2] === "--relay") {
  runBareRelay(process.argv[3] ?? "");
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

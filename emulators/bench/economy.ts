/**
 * The DOF economy under load, on the local stack as `npm test` runs it (about 2 to 3 minutes):
 *   node --import tsx emulators/bench/economy.ts
 *
 * Starts its own test stack (ports shifted by JIGA_BENCH_PORT_OFFSET, default 20000, so it runs beside
 * `npm start` and `npm test`; not beside `npm test` of the same checkout, which shares .stack/test), makes a
 * vendor with a listing and ECONOMY_BENCH_HIRERS funded hirers, then measures three phases:
 *   1. hires: ECONOMY_BENCH_HIRES hires over HTTP, ECONOMY_BENCH_CONCURRENCY in flight;
 *   2. metering and ending: one usage report (owner's API key) and an early end (hirer) per session;
 *   3. settlement: settleSessions through the local scheduler, until the splitRevenue trigger has paid
 *      every session (its status is `settled`).
 * For each: throughput, latency, the Firestore guard's billed reads/writes per unit of work (everything
 * the API and the triggers did: auth lookups, the rate limiter, triggers), and the hottest documents.
 */
import { Firestore } from "@google-cloud/firestore";
import type { TestUser } from "../../functions/src/testing/people.js";
import { startStack } from "../src/stack/stack.js";
import { GuardUsage } from "./economy/guard-usage.js";
import {
  type PhaseResult,
  printCollections,
  printHotDocuments,
  printMethods,
  printPhases,
} from "./economy/report.js";

const HIRERS = Number(process.env.ECONOMY_BENCH_HIRERS ?? 20);
const HIRES = Number(process.env.ECONOMY_BENCH_HIRES ?? 200);
const CONCURRENCY = Number(process.env.ECONOMY_BENCH_CONCURRENCY ?? 10);
const HOURLY_DOF = 600;
// A settlement run handles 200 sessions; the usage reports share one API key limited to 600 a minute.
if (HIRES > 500) throw new Error("ECONOMY_BENCH_HIRES above 500 would hit the runtime key's rate limit");

const deadline = setTimeout(() => {
  console.error("economy bench exceeded 5 minutes; aborting");
  process.exit(1);
}, 300_000);
deadline.unref();

/** Runs `work` for each item with at most `limit` in flight; answers each run's milliseconds. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        const started = performance.now();
        await work(item);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

process.env.JIGA_TEST_PORT_OFFSET = process.env.JIGA_BENCH_PORT_OFFSET ?? "20000";
const startedAt = performance.now();
const stack = await startStack("test", { echo: false, runSchedules: false });
console.log(`stack ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
const { projectId } = stack.profile;
const env = stack.env;
// The bench watches progress on the emulator itself, behind the guard, so its own reads are not billed.
// Made before FIRESTORE_EMULATOR_HOST is set: that variable would point the client at the guard.
delete process.env.FIRESTORE_EMULATOR_HOST;
const observer = new Firestore({ projectId, host: env.JIGA_FIRESTORE_UPSTREAM_HOST, ssl: false });
Object.assign(process.env, { METADATA_SERVER_DETECTION: "none" }, env);
const guard = new GuardUsage(env.FIRESTORE_EMULATOR_HOST as string, projectId);

// The tests' helpers read the stack's addresses from the environment when they load.
const { call } = await import("../../functions/src/testing/api-client.js");
const { hire, reportUsage, runtimeKey } = await import("../../functions/src/testing/hiring.js");
const { assertLedgerInvariants } = await import("../../functions/src/testing/ledger-invariants.js");
const { createAgent, freshStackWithUsers, publishActive } = await import(
  "../../functions/src/testing/marketplace-fixtures.js"
);
const { grantDof } = await import("../../functions/src/testing/wallets.js");

/** Short names for the documents of the report: people and sessions by name, not by id. */
const names = new Map<string, string>();
/** Whole-path labels, for documents whose id says nothing (the rate limiter's hashed buckets). */
const pathLabels = new Map<string, string>();
const label = (path: string) => {
  let short = pathLabels.get(path) ?? path;
  for (const [id, name] of names) short = short.split(id).join(name);
  return short;
};

/** Labels the rate limiter's counters with their buckets, read from the emulator behind the guard. */
async function labelRateLimitCounters(phases: PhaseResult[]): Promise<void> {
  const paths = [...new Set(phases.flatMap((phase) => Object.keys(phase.usage.documents)))].filter((path) =>
    path.startsWith("rateLimits/"),
  );
  if (paths.length === 0) return;
  const snapshots = await observer.getAll(...paths.map((path) => observer.doc(path)));
  for (const snapshot of snapshots) {
    const bucket = String(snapshot.get("bucket") ?? "?").replace(/key:[^|]+/, "key:runtime");
    pathLabels.set(snapshot.ref.path, `rateLimits[${bucket}]`);
  }
}

/**
 * Brings the API's function workers up before measuring: the emulator starts one per concurrent request,
 * and a cold start costs seconds. The vendor hiring their own agent is refused (412) after loading the
 * hire code, and changes nothing.
 */
async function warmUp(vendor: TestUser, listingId: string): Promise<void> {
  for (let round = 0; round < 2; round++)
    await Promise.all(Array.from({ length: CONCURRENCY }, () => hire(vendor, listingId)));
}

async function arrange() {
  const roles: Record<string, { vendor?: boolean; admin?: boolean }> = {
    vendor: { vendor: true },
    admin: { admin: true },
  };
  for (let i = 1; i <= HIRERS; i++) roles[`hirer${String(i).padStart(2, "0")}`] = {};
  const people = await freshStackWithUsers(roles);
  for (const [name, person] of Object.entries(people)) names.set(person.uid, name);
  const vendor = people.vendor as TestUser;
  const listingId = await createAgent(vendor.uid, {
    pricing: { hourlyDof: HOURLY_DOF, dailyDof: 10 * HOURLY_DOF, weeklyDof: 50 * HOURLY_DOF },
  });
  names.set(listingId, "listing");
  await publishActive(vendor, people.admin as TestUser, listingId);
  const key: string = await runtimeKey(vendor);
  const hirers = Object.entries(people)
    .filter(([name]) => name.startsWith("hirer"))
    .map(([, person]) => person);
  const hiresEach = Math.ceil(HIRES / hirers.length);
  for (const hirer of hirers) await grantDof(hirer.uid, hiresEach * HOURLY_DOF);
  return { vendor, hirers, listingId, key };
}

async function hirePhase(
  hirers: TestUser[],
  listingId: string,
): Promise<PhaseResult & { hirerOf: Map<string, TestUser> }> {
  const hirerOf = new Map<string, TestUser>();
  await guard.reset();
  const started = performance.now();
  const latenciesMs = await pool(
    Array.from({ length: HIRES }, (_, i) => hirers[i % hirers.length] as TestUser),
    CONCURRENCY,
    async (hirer) => {
      const hired = await hire(hirer, listingId);
      if (hired.status !== 201)
        throw new Error(`A hire failed: ${hired.status} ${JSON.stringify(hired.json)}`);
      hirerOf.set(hired.json.sessionId, hirer);
      names.set(hired.json.sessionId, `session${hirerOf.size}`);
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const usage = await guard.settledReport();
  return { name: "hire", unit: "hire", units: HIRES, seconds, latenciesMs, usage, hirerOf };
}

async function endPhase(key: string, hirerOf: Map<string, TestUser>): Promise<PhaseResult> {
  const sessionIds = [...hirerOf.keys()];
  await guard.reset();
  const started = performance.now();
  const latenciesMs = await pool(sessionIds, CONCURRENCY, async (sessionId) => {
    const metered = await reportUsage(key, sessionId, { activeMinutes: 20 });
    if (metered.status !== 200)
      throw new Error(`Usage failed: ${metered.status} ${JSON.stringify(metered.json)}`);
    const ended = await call("DELETE", `/sessions/${sessionId}`, { token: hirerOf.get(sessionId)?.idToken });
    if (ended.status !== 200) throw new Error(`Ending failed: ${ended.status} ${JSON.stringify(ended.json)}`);
  });
  const seconds = (performance.now() - started) / 1000;
  const usage = await guard.settledReport();
  return { name: "meter+end", unit: "session", units: sessionIds.length, seconds, latenciesMs, usage };
}

async function settlePhase(sessionCount: number): Promise<PhaseResult> {
  const count = async (collection: string, status?: string) => {
    const query = status
      ? observer.collection(collection).where("status", "==", status)
      : observer.collection(collection);
    return (await query.count().get()).data().count;
  };
  await guard.reset();
  const started = performance.now();
  // One run records up to 200 settlements; run again until every ended session has its record.
  while ((await count("settlements")) < sessionCount) {
    const outcome = await stack.scheduler.runNow("settleSessions");
    if (outcome.status !== "succeeded") throw new Error(`settleSessions failed: ${outcome.error}`);
  }
  await waitFor(
    "every session settled",
    async () => (await count("sessions", "settled")) === sessionCount,
    120_000,
  );
  const seconds = (performance.now() - started) / 1000;
  const usage = await guard.settledReport();
  return { name: "settle", unit: "settlement", units: sessionCount, seconds, usage };
}

let failed = false;
try {
  const { vendor, hirers, listingId, key } = await arrange();
  await warmUp(vendor, listingId);
  console.log(
    `${HIRERS} hirers, one listing at ${HOURLY_DOF} DOF/h; ${HIRES} hires, ${CONCURRENCY} requests in flight` +
      ` (setup done at ${((performance.now() - startedAt) / 1000).toFixed(1)} s)`,
  );
  const hired = await hirePhase(hirers, listingId);
  const ended = await endPhase(key, hired.hirerOf);
  const settled = await settlePhase(hired.hirerOf.size);
  const phases = [hired, ended, settled];
  await labelRateLimitCounters(phases);
  printPhases(phases);
  for (const phase of phases) {
    console.log(`
${phase.name}: ${phase.usage.reads} reads, ${phase.usage.writes} writes, ${phase.usage.deletes} deletes`);
    printMethods(phase);
    printCollections(phase);
    printHotDocuments(phase, label);
  }
  await assertLedgerInvariants();
  console.log(
    `
ledger invariants hold; bench took ${((performance.now() - startedAt) / 1000).toFixed(1)} s`,
  );
} catch (error) {
  failed = true;
  console.error(error);
  console.error(`Emulator output is in ${stack.logFile}`);
} finally {
  await observer.terminate();
  await stack.stop();
}
process.exit(failed ? 1 : 0);

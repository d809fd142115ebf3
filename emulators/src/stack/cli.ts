import { readFileSync } from "node:fs";
import { readSeedUsers, seedUsers } from "../seed/seed-users.js";
import { apiBaseUrl } from "./environment.js";
import { runTests } from "./run-tests.js";
import { type RunningStack, startStack } from "./stack.js";
import { unusedIndexes } from "./unused-indexes.js";

// `node emulators/lib/stack/cli.js start` runs the local stack until Ctrl-C;
// `… test [filter…]` runs the test suite against a stack of its own, on its own ports.
const [command, ...rest] = process.argv.slice(2);

function printTail(file: string): void {
  try {
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    console.error(`--- last lines of ${file} ---\n${lines.slice(-40).join("\n")}`);
  } catch {
    // Nothing was logged yet.
  }
}

async function startOrExit(name: "start" | "test", options: { echo: boolean; runSchedules: boolean }) {
  try {
    return await startStack(name, options);
  } catch (error) {
    console.error(`[stack] The local stack did not start: ${(error as Error).message}`);
    const logFile = (error as { logFile?: string }).logFile;
    if (logFile && !options.echo) printTail(logFile);
    process.exit(1);
  }
}

function printReadyBlock(stack: RunningStack, seconds: number): void {
  const { profile, env } = stack;
  const at = (address: { host: string; port: number }) => `${address.host}:${address.port}`;
  const lines = [
    "",
    `JIGA Store local stack is ready in ${seconds.toFixed(1)} s (project ${profile.projectId})`,
    `  REST API        ${apiBaseUrl(profile)}   (try ${apiBaseUrl(profile)}/health)`,
    `  Auth            ${at(profile.auth)}`,
    `  Firestore       ${at(profile.firestore)}   (guard: warns about missing indexes; usage and cost:`,
    `                  http://${at(profile.firestore)}/guard/v1/projects/${profile.projectId}/usage)`,
    `  Realtime DB     ${env.JIGA_DATABASE_URL}`,
    `  Functions       ${at(profile.functions)}`,
    `  Scheduler       http://${at(profile.scheduler)}/jobs   (run one now: npm run fire -- <functionName>)`,
    `  Algolia (local) http://${at(profile.algolia)}   (app ${env.ALGOLIA_APP_ID}, search key ${env.ALGOLIA_SEARCH_KEY})`,
    `  Shopify (local) http://${at(profile.shopify)}   (shop ${env.SHOPIFY_SHOP_DOMAIN}; buy DOF: POST /v1/transactions/purchase, open checkoutUrl, Pay)`,
    `  Emulator hub    ${at(profile.hub)}`,
    "  Demo accounts   (email / password, role)",
    ...readSeedUsers().map(
      (user) => `    ${user.email} / ${user.password}  ${Object.keys(user.claims).join(", ") || "player"}`,
    ),
    "  Environment for SDKs, scripts and tests:",
    ...Object.entries(env).map(([key, value]) => `    export ${key}=${value}`),
    "  Logs: firebase-tools output above; files in .stack/start/. Ctrl-C stops everything.",
    "",
  ];
  console.log(lines.join("\n"));
}

async function start(): Promise<void> {
  const started = performance.now();
  const stack = await startOrExit("start", { echo: true, runSchedules: true });
  await seedUsers(stack.profile.projectId, stack.env.FIREBASE_AUTH_EMULATOR_HOST as string);
  // The DOF packages come from the local shop by an hourly job: run it once now, so the store is stocked.
  await stack.scheduler.runNow("syncDofPackagesHourly");
  printReadyBlock(stack, (performance.now() - started) / 1000);
}

async function test(filters: string[]): Promise<void> {
  const started = performance.now();
  const stack = await startOrExit("test", { echo: false, runSchedules: false });
  console.log(`[stack] Test stack ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  let code = await runTests(stack.env, filters);
  if (code !== 0) console.error(`[stack] Emulator output is in ${stack.logFile}`);
  const firestoreHost = stack.env.FIRESTORE_EMULATOR_HOST;
  if (code === 0 && filters.length === 0 && firestoreHost) {
    const unused = await unusedIndexes(firestoreHost);
    if (unused.length > 0) {
      console.error("[stack] firestore.indexes.json declares indexes that no query of the suite could use:");
      for (const entry of unused) console.error(entry);
      code = 1;
    } else console.log("[stack] Every index in firestore.indexes.json served a query of the suite.");
  }
  await stack.stop();
  process.exit(code);
}

if (command === "start") await start();
else if (command === "test") await test(rest);
else {
  console.error("Usage: cli.js start | test [file filter…]");
  process.exit(2);
}

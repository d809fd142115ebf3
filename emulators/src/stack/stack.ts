import { writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import { algoliaEnvironment } from "../algolia/local-config.js";
import { startLocalAlgolia } from "../algolia/local-stack.js";
import { serveScheduler } from "../scheduler/control-server.js";
import { LocalScheduler } from "../scheduler/local-scheduler.js";
import { shopifyEnvironment } from "../shopify/local-config.js";
import { startLocalShopify } from "../shopify/local-stack.js";
import { type RunningSuite, startEmulatorSuite } from "./emulator-suite.js";
import { apiBaseUrl, stackEnvironment } from "./environment.js";
import { findInstalledFirestoreEmulator } from "./firestore-binary.js";
import { nodeScriptJar } from "./java-launchers.js";
import { repoRoot, stateDir } from "./paths.js";
import { firebaseJsonFor, loadProfile, type ProfileName, type StackProfile } from "./profiles.js";
import { answersOk, hubListsEmulators, waitUntil } from "./readiness.js";

export const stackEmulators = ["auth", "functions", "firestore", "database"];

export interface RunningStack {
  profile: StackProfile;
  env: Record<string, string>;
  logFile: string;
  scheduler: LocalScheduler;
  stop(): Promise<void>;
}

const log = (line: string) => console.log(`[stack] ${line}`);

function configFor(profile: StackProfile): string {
  if (profile.name === "start") return join(repoRoot, "firebase.json");
  // firebase-tools takes the project directory from the config file's folder, so this one sits at the root.
  const path = join(repoRoot, `firebase.stack-${profile.name}.json`);
  writeFileSync(path, `${JSON.stringify(firebaseJsonFor(profile), null, 2)}\n`);
  return path;
}

const emulatorsLib = join(repoRoot, "emulators", "lib");

/**
 * The binaries firebase-tools starts for the database emulators, and their settings (firebase-tools passes
 * its environment on to them): our Realtime Database emulator, and the official Firestore emulator behind
 * the Firestore guard, which enforces indexes in tests and warns about them in `npm start`.
 */
function emulatorBinaries(profile: StackProfile, workDir: string): Record<string, string> {
  const database = {
    // The Admin SDK in functions derives its namespace from this URL: the same default instance
    // (`<project>-default-rtdb`) that firebase-tools loads database.rules.json into, as in production.
    DATABASE_URL: `https://${profile.projectId}-default-rtdb.firebaseio.com`,
    DATABASE_EMULATOR_BINARY_PATH: nodeScriptJar(
      join(workDir, "database-emulator.jar"),
      join(emulatorsLib, "database", "cli.js"),
      workDir,
    ),
  };
  const installedFirestore = findInstalledFirestoreEmulator();
  if (!installedFirestore) {
    log(
      "No installed Cloud Firestore emulator found: firebase-tools downloads its own (needs the internet),",
    );
    log("and Firestore runs without the guard (no index checks, no cost counters).");
    return database;
  }
  return {
    ...database,
    FIRESTORE_EMULATOR_BINARY_PATH: nodeScriptJar(
      join(workDir, "firestore-emulator.jar"),
      join(emulatorsLib, "stack", "guarded-firestore.js"),
      workDir,
    ),
    JIGA_FIRESTORE_EMULATOR_JAR: installedFirestore,
    JIGA_FIRESTORE_UPSTREAM_PORT: String(profile.firestoreUpstream.port),
    JIGA_FIRESTORE_INDEXES: join(repoRoot, "firestore.indexes.json"),
    JIGA_FIRESTORE_GUARD_MODE: profile.name === "test" ? "enforce" : "warn",
  };
}

function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\n[stack] Stopping…");
    await stop();
    process.exit(0);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

/**
 * Starts the whole local stack for a profile and resolves when the API answers its health check: the
 * emulator suite, then the local scheduler (timer loop only where `runSchedules`).
 */
export async function startStack(
  name: ProfileName,
  options: { echo: boolean; runSchedules: boolean },
): Promise<RunningStack> {
  const profile = loadProfile(name);
  const workDir = stateDir(name);
  const logFile = join(workDir, "emulators.log");
  // Started first: functions may sync to it as soon as they load. firebase-tools passes its environment
  // on to the functions, and .env files do not set ALGOLIA_HOST, so each profile reaches its own server.
  const algolia = await startLocalAlgolia(profile, log);
  // The shop too: the functions' package sync and checkouts call it, and it posts webhooks to them.
  const shopify = await startLocalShopify(profile, log);
  const suite: RunningSuite = startEmulatorSuite({
    profile,
    emulators: stackEmulators,
    configPath: configFor(profile),
    workDir,
    env: {
      ...emulatorBinaries(profile, workDir),
      ...algoliaEnvironment(profile.algolia),
      ...shopifyEnvironment(profile.shopify),
    },
    echo: options.echo,
    logFile,
  });
  let schedulerServer: Server | undefined;
  const scheduler = new LocalScheduler({
    functionsOrigin: `http://${profile.functions.host}:${profile.functions.port}`,
    projectId: profile.projectId,
    log: (line) => log(`scheduler: ${line}`),
  });
  const stop = async () => {
    scheduler.stop();
    schedulerServer?.close();
    await suite.stop();
    await algolia.server.close();
    await shopify.server.close();
  };
  // From the moment firebase-tools runs, Ctrl-C must stop it too: it lives in a process group of its own.
  stopOnSignals(stop);
  try {
    const hub = `http://${profile.hub.host}:${profile.hub.port}`;
    await waitUntil("the emulators", () => hubListsEmulators(hub, stackEmulators), {
      timeoutMs: 120_000,
      abort: suite.exited,
    });
    await waitUntil("the API health check", () => answersOk(`${apiBaseUrl(profile)}/health`), {
      timeoutMs: 60_000,
      abort: suite.exited,
    });
    schedulerServer = await serveScheduler(scheduler, profile.scheduler.host, profile.scheduler.port);
    await scheduler.refresh();
    if (options.runSchedules) scheduler.start();
  } catch (error) {
    await stop();
    throw Object.assign(error as Error, { logFile });
  }
  const env = {
    ...stackEnvironment(profile),
    ALGOLIA_ADMIN_KEY: algolia.adminKey,
    SHOPIFY_WEBHOOK_SECRET: shopify.webhookSecret,
  };
  return { profile, env, logFile, scheduler, stop };
}

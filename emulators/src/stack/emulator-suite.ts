import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { repoRoot } from "./paths.js";
import type { StackProfile } from "./profiles.js";

const firebaseCli = createRequire(import.meta.url).resolve("firebase-tools/lib/bin/firebase.js");
const fastAuthPreload = join(repoRoot, "emulators", "scripts", "fast-auth-emulator.cjs");

export interface SuiteOptions {
  profile: StackProfile;
  emulators: string[];
  configPath: string;
  workDir: string;
  /** Extra environment, e.g. `FIRESTORE_EMULATOR_BINARY_PATH`. */
  env: Record<string, string>;
  /** Show firebase-tools' output (function logs) on our stdout, or only write it to `logFile`. */
  echo: boolean;
  logFile: string;
}

export interface RunningSuite {
  child: ChildProcess;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * Settings measured to keep firebase-tools fast and quiet offline: no update check or banner (CI), no
 * metadata-server probe, no `npm show firebase-functions` on each load, and function discovery through a
 * manifest file instead of a throwaway server. TMPDIR isolates the hub's locator file per profile.
 */
function offlineEnvironment(workDir: string): Record<string, string> {
  const tmp = join(workDir, "tmp");
  mkdirSync(tmp, { recursive: true });
  return {
    CI: "true",
    METADATA_SERVER_DETECTION: "none",
    npm_config_offline: "true",
    FIREBASE_FUNCTIONS_DISCOVERY_OUTPUT_PATH: "true",
    // The Functions emulator serves one request per worker process and starts a new process (which loads
    // the whole codebase) for each concurrent request, up to 50. On a small machine a burst of 100 calls
    // then spends its time starting processes; a few reused workers and a queue serve it far sooner.
    FUNCTIONS_EMULATOR_PARALLEL: "6",
    TMPDIR: tmp,
  };
}

/** Starts `firebase emulators:start` in its own process group, so stopping it can leave no process behind. */
export function startEmulatorSuite(options: SuiteOptions): RunningSuite {
  const { profile, workDir } = options;
  const args = [
    firebaseCli,
    "emulators:start",
    "--only",
    options.emulators.join(","),
    "--project",
    profile.projectId,
  ];
  const child = spawn(
    process.execPath,
    ["--require", fastAuthPreload, ...args, "--config", options.configPath],
    {
      cwd: workDir,
      env: { ...process.env, ...offlineEnvironment(workDir), ...options.env },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const log = createWriteStream(options.logFile);
  for (const stream of [child.stdout, child.stderr]) {
    stream?.pipe(log, { end: false });
    if (options.echo) stream?.pipe(process.stdout, { end: false });
  }
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  // A param without a value in functions/.env.<project> makes firebase-tools ask for it and wait forever,
  // even with a default and no terminal; stop at once and say which.
  child.stdout?.on("data", (chunk: Buffer) => {
    const question = /\? Enter an? \w+ value for (\w+)/.exec(chunk.toString());
    if (!question) return;
    console.error(
      `[stack] The param ${question[1]} has no value: add it to functions/.env.${profile.projectId}.`,
    );
    child.kill("SIGINT");
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      // firebase-tools stops its emulators in order on SIGINT; give it time, then end the whole group.
      child.kill("SIGINT");
      const timedOut = await Promise.race([exited.then(() => false), delay(15_000).then(() => true)]);
      if (timedOut) killGroup(child, "SIGKILL");
    }
    killGroup(child, "SIGKILL");
    log.end();
  };
  return { child, exited, stop };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

#!/usr/bin/env node
import { spawn } from "node:child_process";
import { connect } from "node:net";
import { type FirestoreGuard, startFirestoreGuard } from "../firestore-guard/index.js";
import { waitUntil } from "./readiness.js";

/**
 * What firebase-tools starts as "the Firestore emulator" in our stack (through a NodeLauncher jar): the
 * official emulator on a private port, and the Firestore guard on the port firebase-tools chose, in front of
 * it. firebase-tools, the functions and every client then talk to the guard without knowing it is there.
 *
 * Settings come from the environment the stack gives firebase-tools, which passes it on to us:
 * JIGA_FIRESTORE_EMULATOR_JAR (the installed emulator), JIGA_FIRESTORE_UPSTREAM_PORT (its private port),
 * JIGA_FIRESTORE_INDEXES (the indexes file), JIGA_FIRESTORE_GUARD_MODE (enforce | warn | off).
 */

const emulatorMainClass = "com.google.cloud.datastore.emulator.firestore.CloudFirestore";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function flagValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}

/** firebase-tools' arguments with `--port` replaced: the emulator listens privately, the guard publicly. */
function emulatorArgs(args: string[], upstreamPort: number): string[] {
  const rewritten = [...args];
  const index = rewritten.indexOf("--port");
  if (index >= 0) rewritten[index + 1] = String(upstreamPort);
  else rewritten.push("--port", String(upstreamPort));
  return rewritten;
}

function acceptsConnections(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port }, () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const host = flagValue(args, "host") ?? "127.0.0.1";
  const port = Number(flagValue(args, "port") ?? "8080");
  const upstreamPort = Number(required("JIGA_FIRESTORE_UPSTREAM_PORT"));
  const emulator = spawn(
    "java",
    [
      "-Duser.language=en",
      "-cp",
      required("JIGA_FIRESTORE_EMULATOR_JAR"),
      emulatorMainClass,
      ...emulatorArgs(args, upstreamPort),
    ],
    { stdio: "inherit" },
  );
  // From here on the JVM is ours to stop, even if we are stopped before the guard is up: our own
  // launcher gives us 3 s before it kills us, and the JVM must never be left behind.
  let guard: FirestoreGuard | undefined;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await guard?.close();
    emulator.kill("SIGINT");
    setTimeout(() => emulator.kill("SIGKILL"), 2_000).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  // The emulator's end is ours: firebase-tools treats our exit as the emulator's.
  const emulatorExited = new Promise((resolve) => emulator.once("exit", resolve));
  emulator.once("exit", (code) => process.exit(stopping ? 0 : (code ?? 1)));
  try {
    await startGuardWhenReady();
  } catch (error) {
    console.error(`guarded-firestore: ${error instanceof Error ? error.message : String(error)}`);
    emulator.kill("SIGKILL");
  }

  async function startGuardWhenReady(): Promise<void> {
    await waitUntil("the Firestore emulator's port", () => acceptsConnections(host, upstreamPort), {
      timeoutMs: 60_000,
      abort: emulatorExited,
    });
    const mode = process.env.JIGA_FIRESTORE_GUARD_MODE;
    guard = await startFirestoreGuard({
      host,
      port,
      upstream: `${host}:${upstreamPort}`,
      indexesFile: required("JIGA_FIRESTORE_INDEXES"),
      mode: mode === "warn" || mode === "off" ? mode : "enforce",
    });
    console.log(
      `Firestore guard (${mode ?? "enforce"}) on ${host}:${guard.port} in front of the emulator on ${upstreamPort}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(`guarded-firestore: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

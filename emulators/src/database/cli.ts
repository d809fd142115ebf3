#!/usr/bin/env node
/**
 * `rtdb-emulator --host H --port P [--rules FILE] [--project ID]
 *   [--functions_emulator_host FH --functions_emulator_port FP]`
 * Takes the flags firebase-tools passes to the official emulator jar; unknown flags are ignored
 * with a warning. Prints one ready line with its address; SIGINT/SIGTERM stop it cleanly.
 */
import { startDatabaseEmulator } from "./index.js";

// firebase-tools may pass --single_project_mode; every namespace is always served, so it is a no-op.
const KNOWN_FLAGS = [
  "host",
  "port",
  "rules",
  "project",
  "functions_emulator_host",
  "functions_emulator_port",
  "single_project_mode",
];

function parseFlags(argv: string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith("--")) {
      process.stderr.write(`rtdb-emulator: ignoring unexpected argument ${arg}\n`);
      continue;
    }
    const [name, inlineValue] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const next = argv[i + 1];
    const takesNext = inlineValue === undefined && next !== undefined && !next.startsWith("--");
    if (takesNext) i++;
    const value = inlineValue ?? (takesNext ? next : "true");
    if (KNOWN_FLAGS.includes(name)) flags.set(name, value);
    else process.stderr.write(`rtdb-emulator: ignoring unknown flag --${name}\n`);
  }
  return flags;
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const port = Number(flags.get("port") ?? "9000");
  const functionsHost = flags.get("functions_emulator_host");
  const functionsPort = flags.get("functions_emulator_port");
  const emulator = await startDatabaseEmulator({
    host: flags.get("host") ?? "127.0.0.1",
    port,
    rulesFile: flags.get("rules"),
    projectId: flags.get("project"),
    functionsEmulator:
      functionsHost && functionsPort ? { host: functionsHost, port: Number(functionsPort) } : undefined,
  });
  process.stdout.write(`Realtime Database emulator listening on ${emulator.url}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(0), 900);
    force.unref();
    void emulator.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`rtdb-emulator: ${(error as Error).message}\n`);
  process.exit(1);
});

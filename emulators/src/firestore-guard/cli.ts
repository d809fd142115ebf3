#!/usr/bin/env node
// firestore-guard --port P --upstream HOST:PORT --indexes FILE [--mode enforce|warn|off] [--host H]
import { parseArgs } from "node:util";
import type { GuardMode } from "./index.js";
import { GUARD_MODES, startFirestoreGuard } from "./index.js";

const USAGE =
  "usage: firestore-guard --port P --upstream HOST:PORT --indexes FILE [--mode enforce|warn|off] [--host H]";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      upstream: { type: "string" },
      indexes: { type: "string" },
      mode: { type: "string", default: "enforce" },
      host: { type: "string", default: "127.0.0.1" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const mode = values.mode as GuardMode;
  if (!values.upstream || !values.indexes || !GUARD_MODES.includes(mode)) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const guard = await startFirestoreGuard({
    host: values.host,
    port: values.port === undefined ? 0 : Number(values.port),
    upstream: values.upstream,
    indexesFile: values.indexes,
    mode,
  });
  console.log(
    `firestore-guard ready on ${guard.address} (upstream ${values.upstream}, mode ${mode}, indexes ${values.indexes})`,
  );
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    // Never hang past a second: connections are destroyed, not drained.
    setTimeout(() => process.exit(0), 1000).unref();
    void guard.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`firestore-guard: ${(error as Error).message}`);
  process.exit(1);
});

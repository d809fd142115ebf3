#!/usr/bin/env node
/**
 * `algolia-emulator [--host 127.0.0.1] [--port 4610] [--app-id JIGALOCAL] [--admin-key K] [--search-key S]`
 * Runs the local Algolia-compatible server until SIGINT/SIGTERM. Prints one ready line with its address.
 */
import { parseArgs } from "node:util";
import { localAlgolia } from "./local-config.js";
import { startAlgoliaServer } from "./server.js";

const { values } = parseArgs({
  options: {
    host: { type: "string", default: "127.0.0.1" },
    port: { type: "string", default: "4610" },
    "app-id": { type: "string", default: localAlgolia.appId },
    "admin-key": { type: "string", default: localAlgolia.adminKey },
    "search-key": { type: "string", default: localAlgolia.searchKey },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`algolia-emulator: --port must be a port number, not ${values.port}\n`);
  process.exit(2);
}

const server = await startAlgoliaServer({
  host: values.host,
  port,
  appId: values["app-id"],
  apiKeys: { [values["admin-key"]]: ["admin"], [values["search-key"]]: ["search"] },
  log: (line) => process.stderr.write(`[algolia] ${line}\n`),
});
process.stdout.write(`Algolia emulator listening on ${server.url} (application ${values["app-id"]})\n`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void server.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

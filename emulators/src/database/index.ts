/**
 * Programmatic entry point: start a Realtime Database emulator in-process.
 *
 *   const db = await startDatabaseEmulator({ port: 0, rulesFile: "database.rules.json" });
 *   // point SDKs at db.host:db.port, then
 *   await db.close();
 */
import { DatabaseEmulatorServer } from "./server.js";

export interface DatabaseEmulatorOptions {
  host?: string;
  port?: number;
  rulesFile?: string;
  projectId?: string;
  functionsEmulator?: { host: string; port: number };
  /** Where diagnostics go (rule errors, denied requests, trigger failures); stderr by default. */
  log?: (message: string) => void;
}

export interface RunningDatabaseEmulator {
  host: string;
  port: number;
  url: string;
  /** Stops accepting connections and drops every client (their onDisconnect writes run first). */
  close(): Promise<void>;
  /** Clears one namespace, or all of them. */
  reset(namespace?: string): void;
  /** Resolves once every trigger fired so far has been answered by the Functions emulator. */
  triggersIdle(): Promise<void>;
}

export async function startDatabaseEmulator(
  options: DatabaseEmulatorOptions = {},
): Promise<RunningDatabaseEmulator> {
  const host = options.host ?? "127.0.0.1";
  const server = new DatabaseEmulatorServer({
    host,
    port: options.port ?? 9000,
    rulesFile: options.rulesFile,
    projectId: options.projectId,
    functionsEmulator: options.functionsEmulator,
    log: options.log,
  });
  const address = await server.listen();
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    host,
    port: address.port,
    url: `http://${urlHost}:${address.port}`,
    close: () => server.close(),
    reset: (namespace) => server.reset(namespace),
    triggersIdle: () => server.triggers.idle(),
  };
}

export { DatabaseEmulatorServer } from "./server.js";

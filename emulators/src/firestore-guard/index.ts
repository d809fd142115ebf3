// Programmatic entry point of the Firestore guard: a transparent proxy in front of the Cloud Firestore
// emulator that enforces production's index rules and counts billed document operations.
import { resolve } from "node:path";
import { adminEndpoints } from "./admin-endpoints.js";
import { firestoreInterceptors } from "./firestore-calls.js";
import type { EnforcerStatus, GuardMode } from "./index-enforcer.js";
import { IndexEnforcer } from "./index-enforcer.js";
import { startProxyServer } from "./server.js";
import { SideCounter } from "./side-count.js";
import type { UsageReport } from "./usage-store.js";
import { UsageStore } from "./usage-store.js";

export type { EnforcerStatus, GuardMode } from "./index-enforcer.js";
export { GUARD_MODES } from "./index-enforcer.js";
export type { DocumentUsage, MethodUsage, UsageReport } from "./usage-store.js";

export interface FirestoreGuardOptions {
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Default 0: pick a free port. */
  port?: number;
  /** The Firestore emulator, "host:port". */
  upstream: string;
  /** Path of firestore.indexes.json; re-read when it changes. */
  indexesFile: string;
  /** enforce (default): reject queries production would reject; warn: log once per shape; off. */
  mode?: GuardMode;
  /** Where warnings and reload notices go; default console.warn. */
  log?: (line: string) => void;
}

export interface FirestoreGuard {
  host: string;
  port: number;
  /** "host:port", suitable for FIRESTORE_EMULATOR_HOST. */
  address: string;
  close(): Promise<void>;
  usage(projectId: string): Promise<UsageReport>;
  resetUsage(projectId?: string): Promise<void>;
  status(): EnforcerStatus;
}

export function parseHostPort(value: string): { host: string; port: number } {
  const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(value.trim());
  if (!match) throw new Error(`expected host:port, got "${value}"`);
  return { host: match[1] as string, port: Number(match[2]) };
}

export async function startFirestoreGuard(options: FirestoreGuardOptions): Promise<FirestoreGuard> {
  const upstream = parseHostPort(options.upstream);
  const enforcer = new IndexEnforcer(resolve(options.indexesFile), options.mode ?? "enforce", options.log);
  const usage = new UsageStore();
  const sideCounter = new SideCounter(`http://${upstream.host}:${upstream.port}`);
  const host = options.host ?? "127.0.0.1";
  const server = await startProxyServer({
    host,
    port: options.port ?? 0,
    upstreamHost: upstream.host,
    upstreamPort: upstream.port,
    intercept: firestoreInterceptors({ enforcer, usage, sideCounter }),
    admin: adminEndpoints(enforcer, usage, options.upstream),
  });
  const displayHost = host.includes(":") ? `[${host}]` : host;
  return {
    host,
    port: server.port,
    address: `${displayHost}:${server.port}`,
    close: async () => {
      sideCounter.close();
      await server.close();
    },
    usage: (projectId) => usage.report(projectId),
    resetUsage: (projectId) => usage.reset(projectId),
    status: () => enforcer.status(),
  };
}

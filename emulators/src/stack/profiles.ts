import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./paths.js";

export type ProfileName = "start" | "test";

export interface EmulatorAddress {
  host: string;
  port: number;
}

/** Everything a running stack listens on. */
export interface StackProfile {
  name: ProfileName;
  projectId: string;
  hub: EmulatorAddress;
  logging: EmulatorAddress;
  auth: EmulatorAddress;
  functions: EmulatorAddress;
  firestore: EmulatorAddress & { websocketPort: number };
  /** The official Firestore emulator itself, behind the Firestore guard that listens on `firestore`. */
  firestoreUpstream: EmulatorAddress;
  database: EmulatorAddress;
  scheduler: EmulatorAddress;
  /** Our local Algolia-compatible server (emulators/src/algolia). */
  algolia: EmulatorAddress;
  /** Our local Shopify shop (emulators/src/shopify). */
  shopify: EmulatorAddress;
}

// `npm test` runs on ports shifted by this much, so it never collides with a running `npm start`.
// JIGA_TEST_PORT_OFFSET moves it, so two checkouts can run their tests side by side.
const defaultTestPortOffset = 10_000;

function testPortOffset(): number {
  const configured = process.env.JIGA_TEST_PORT_OFFSET;
  if (!configured) return defaultTestPortOffset;
  const offset = Number(configured);
  if (!Number.isInteger(offset) || offset < 1000 || offset > 40_000)
    throw new Error(`JIGA_TEST_PORT_OFFSET must be a whole number from 1000 to 40000, not "${configured}"`);
  return offset;
}
const schedulerPort = 4600;

interface FirebaseJson {
  emulators: Record<string, { host?: string; port?: number; websocketPort?: number }>;
}

function readFirebaseJson(): FirebaseJson {
  return JSON.parse(readFileSync(join(repoRoot, "firebase.json"), "utf8")) as FirebaseJson;
}

function address(config: FirebaseJson, name: string, offset: number): EmulatorAddress {
  const entry = config.emulators[name];
  if (!entry?.host || !entry.port)
    throw new Error(`firebase.json must give emulators.${name} a host and a port`);
  return { host: entry.host, port: entry.port + offset };
}

export function projectIdFromFirebaserc(): string {
  const rc = JSON.parse(readFileSync(join(repoRoot, ".firebaserc"), "utf8")) as {
    projects?: { default?: string };
  };
  const projectId = rc.projects?.default;
  if (!projectId) throw new Error(".firebaserc has no default project");
  return projectId;
}

/** The ports of firebase.json for `npm start`, the same shifted by a fixed offset for `npm test`. */
export function loadProfile(name: ProfileName): StackProfile {
  const config = readFirebaseJson();
  const offset = name === "test" ? testPortOffset() : 0;
  const firestore = address(config, "firestore", offset);
  const websocketPort = config.emulators.firestore?.websocketPort;
  if (!websocketPort) throw new Error("firebase.json must give emulators.firestore a websocketPort");
  return {
    name,
    projectId: projectIdFromFirebaserc(),
    hub: address(config, "hub", offset),
    logging: address(config, "logging", offset),
    auth: address(config, "auth", offset),
    functions: address(config, "functions", offset),
    firestore: { ...firestore, websocketPort: websocketPort + offset },
    firestoreUpstream: { host: firestore.host, port: firestore.port + 2 },
    database: address(config, "database", offset),
    scheduler: { host: "127.0.0.1", port: schedulerPort + offset },
    algolia: { host: "127.0.0.1", port: schedulerPort + 10 + offset },
    shopify: { host: "127.0.0.1", port: schedulerPort + 20 + offset },
  };
}

/** firebase.json as firebase-tools should see it for this profile: same settings, this profile's ports. */
export function firebaseJsonFor(profile: StackProfile): object {
  const config = readFirebaseJson() as FirebaseJson & Record<string, unknown>;
  const emulators = { ...config.emulators };
  for (const name of ["hub", "logging", "auth", "functions", "database"] as const) {
    emulators[name] = { ...emulators[name], ...profile[name] };
  }
  emulators.firestore = { ...emulators.firestore, ...profile.firestore };
  return { ...config, emulators };
}

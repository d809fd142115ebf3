// Shared set-up for the guard's tests (not used at run time): a guard of the test's own in front of
// the emulator named by JIGA_FIRESTORE_UPSTREAM_HOST, and firebase-admin clients pointed at it.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deleteApp, initializeApp } from "firebase-admin/app";
import type { Firestore } from "firebase-admin/firestore";
import { getFirestore } from "firebase-admin/firestore";
import type { FirestoreGuard, GuardMode } from "./index.js";
import { startFirestoreGuard } from "./index.js";

/** The stack starts the emulator with firebase-tools' single-project mode for this project. */
export const PROJECT_ID = "demo-jiga";

export function upstreamHost(): string {
  const host = process.env.JIGA_FIRESTORE_UPSTREAM_HOST;
  if (!host) {
    throw new Error(
      "JIGA_FIRESTORE_UPSTREAM_HOST must name a running Cloud Firestore emulator (host:port), e.g. one started with " +
        "`java -cp …/cloud-firestore-emulator.jar com.google.cloud.datastore.emulator.firestore.CloudFirestore --host 127.0.0.1 --port 8790 --project_id demo-jiga --single_project_mode true`",
    );
  }
  return host;
}

export function writeIndexesFile(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "firestore-guard-"));
  const file = join(dir, "firestore.indexes.json");
  writeFileSync(file, JSON.stringify(content, null, 2));
  return file;
}

export interface TestGuard {
  guard: FirestoreGuard;
  db: Firestore;
  close(): Promise<void>;
}

let appCounter = 0;

/** Starts a guard on port 0 and a firebase-admin Firestore that talks to it. */
export async function startTestGuard(indexesFile: string, mode: GuardMode = "enforce"): Promise<TestGuard> {
  const guard = await startFirestoreGuard({ upstream: upstreamHost(), indexesFile, mode, log: () => {} });
  const db = adminFirestore(guard.address);
  return {
    guard,
    db,
    close: async () => {
      await db.terminate();
      await guard.close();
    },
  };
}

/** firebase-admin reads FIRESTORE_EMULATOR_HOST when a Firestore instance is created. */
export function adminFirestore(address: string): Firestore {
  const previous = process.env.FIRESTORE_EMULATOR_HOST;
  process.env.FIRESTORE_EMULATOR_HOST = address;
  try {
    appCounter += 1;
    const app = initializeApp({ projectId: PROJECT_ID }, `guard-test-${process.pid}-${appCounter}`);
    const db = getFirestore(app);
    const terminate = db.terminate.bind(db);
    db.terminate = async () => {
      await terminate();
      await deleteApp(app);
    };
    return db;
  } finally {
    if (previous === undefined) delete process.env.FIRESTORE_EMULATOR_HOST;
    else process.env.FIRESTORE_EMULATOR_HOST = previous;
  }
}

/** Deletes every document of the given top-level collections (and their subcollections). */
export async function clearCollections(db: Firestore, ...collections: string[]): Promise<void> {
  for (const name of collections) await db.recursiveDelete(db.collection(name));
}

export interface GrpcLikeError {
  code?: number;
  details?: string;
  message?: string;
}

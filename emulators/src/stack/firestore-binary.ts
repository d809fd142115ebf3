import { execFileSync } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { mainClassJar } from "./java-launchers.js";

const emulatorMainClass = "com.google.cloud.datastore.emulator.firestore.CloudFirestore";
const jarInSdk = join("platform", "cloud-firestore-emulator", "cloud-firestore-emulator.jar");

function gcloudSdkRoots(): string[] {
  const roots: string[] = [];
  try {
    const gcloud = execFileSync("sh", ["-c", "command -v gcloud"], { encoding: "utf8" }).trim();
    // bin/gcloud is usually a link into the SDK: the SDK root is two levels above the real file.
    if (gcloud) roots.push(dirname(dirname(realpathSync(gcloud))));
  } catch {
    // No gcloud on PATH; fall back to the usual install locations.
  }
  roots.push("/usr/lib/google-cloud-sdk", "/usr/share/google-cloud-sdk", "/opt/google-cloud-sdk");
  return roots;
}

/**
 * The official Cloud Firestore emulator installed as a Google Cloud CLI component, if any:
 * `JIGA_FIRESTORE_EMULATOR_JAR` wins, then the gcloud SDK found on PATH or in its usual places.
 */
export function findInstalledFirestoreEmulator(): string | undefined {
  const candidates = [
    process.env.JIGA_FIRESTORE_EMULATOR_JAR,
    ...gcloudSdkRoots().map((root) => join(root, jarInSdk)),
  ];
  return candidates.find((candidate): candidate is string => Boolean(candidate && existsSync(candidate)));
}

/**
 * The jar firebase-tools should start as the Firestore emulator. The installed jar has no Main-Class, so
 * `java -jar` on it fails; a jar holding only a manifest that names the main class and the installed jar
 * as its class path starts it exactly as firebase-tools expects. Undefined when none is installed, in which
 * case firebase-tools downloads its own (that needs the internet).
 */
export function firestoreEmulatorBinary(workDir: string): string | undefined {
  const installed = findInstalledFirestoreEmulator();
  if (!installed) return undefined;
  return mainClassJar(join(workDir, "firestore-emulator.jar"), emulatorMainClass, installed);
}

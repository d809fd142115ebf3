import { execFileSync } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";

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

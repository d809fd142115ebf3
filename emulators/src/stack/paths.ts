import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, found from this file whether it runs from `src` (tsx) or `lib` (built). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** Working files of one stack profile (generated jars, config, logs); git ignores `.stack/`. */
export function stateDir(profile: string): string {
  const dir = join(repoRoot, ".stack", profile);
  mkdirSync(dir, { recursive: true });
  return dir;
}

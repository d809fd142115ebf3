import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { repoRoot } from "./paths.js";

const testRoots = ["functions/src", "emulators/src"];

function findTestFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findTestFiles(path);
    return entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

/**
 * Runs the test files (all, or those whose path contains one of `filters`) with node's test runner, one
 * file at a time: they share the emulators, and each resets the state it uses.
 */
export function runTests(env: Record<string, string>, filters: string[]): Promise<number> {
  const files = testRoots
    .flatMap((root) => findTestFiles(join(repoRoot, root)))
    .map((file) => relative(repoRoot, file))
    .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
    .sort();
  if (files.length === 0) {
    console.error(`No test files match ${filters.join(", ")}`);
    return Promise.resolve(1);
  }
  const args = ["--import", "tsx", "--test", "--test-concurrency=1", "--test-timeout=120000", ...files];
  // No metadata-server probe from the Admin SDK in tests: there is none here, and the probe warns and waits.
  const testEnv = { ...process.env, METADATA_SERVER_DETECTION: "none", ...env };
  const child = spawn(process.execPath, args, { cwd: repoRoot, env: testEnv, stdio: "inherit" });
  return new Promise((resolve) => child.once("exit", (code) => resolve(code ?? 1)));
}

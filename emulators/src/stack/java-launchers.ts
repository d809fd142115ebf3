import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./paths.js";

/**
 * firebase-tools starts Firestore and Realtime Database emulators as `java -jar <binary>`, and lets
 * `<NAME>_EMULATOR_BINARY_PATH` choose the binary. These jars make that command start what we choose.
 */

function writeJar(jarPath: string, manifest: Record<string, string>, classesDir?: string): void {
  const manifestPath = `${jarPath}.manifest`;
  const lines = Object.entries(manifest).map(([key, value]) => `${key}: ${value}`);
  writeFileSync(manifestPath, `${lines.join("\n")}\n`);
  const contents = classesDir ? ["-C", classesDir, "."] : [];
  execFileSync("jar", ["--create", "--file", jarPath, "--manifest", manifestPath, ...contents], {
    stdio: "pipe",
  });
}

function compiledNodeLauncher(workDir: string): string {
  const source = join(repoRoot, "emulators", "java", "NodeLauncher.java");
  const digest = createHash("sha256").update(readFileSync(source)).digest("hex").slice(0, 12);
  const classesDir = join(workDir, `node-launcher-${digest}`);
  if (!existsSync(join(classesDir, "NodeLauncher.class"))) {
    mkdirSync(classesDir, { recursive: true });
    execFileSync("javac", ["--release", "11", "-d", classesDir, source], { stdio: "pipe" });
  }
  return classesDir;
}

/** A jar that runs a Node script with the arguments Java was given, and stops it when Java stops. */
export function nodeScriptJar(jarPath: string, script: string, workDir: string): string {
  writeJar(
    jarPath,
    { "Main-Class": "NodeLauncher", "Node-Executable": process.execPath, "Node-Script": script },
    compiledNodeLauncher(workDir),
  );
  return jarPath;
}

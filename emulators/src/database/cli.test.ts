/**
 * The `rtdb-emulator` command as firebase-tools starts it: the jar's flags, one ready line with
 * the address, rules from a file (reloaded when it changes), and a clean exit on SIGTERM.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("./cli.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "rtdb-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test("starts with firebase-tools' flags, serves rules from a file, reloads them, stops on SIGTERM", async () => {
  const rulesFile = join(dir, "database.rules.json");
  writeFileSync(rulesFile, '{ "rules": { /* locked */ ".read": false, ".write": false } }');
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      CLI,
      "--host",
      "127.0.0.1",
      "--port",
      "0",
      "--rules",
      rulesFile,
      "--functions_emulator_host",
      "127.0.0.1",
      "--functions_emulator_port",
      "5001",
      "--some_future_flag",
      "x",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  const readyLine = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`exited early (${code}): ${stderr}`)));
  });
  const match = /^Realtime Database emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(readyLine);
  assert.ok(match, readyLine);
  const url = match[1] as string;
  assert.match(stderr, /ignoring unknown flag --some_future_flag/);

  assert.equal((await fetch(`${url}/x.json?ns=cli`)).status, 401);
  assert.equal(
    (
      await fetch(`${url}/x.json?ns=cli`, {
        method: "PUT",
        body: "1",
        headers: { Authorization: "Bearer owner" },
      })
    ).status,
    200,
  );
  writeFileSync(rulesFile, '{ "rules": { ".read": true, ".write": false } }');
  await waitFor(async () => (await fetch(`${url}/x.json?ns=cli`)).status === 200, "rules reload");
  assert.equal(await (await fetch(`${url}/x.json?ns=cli`)).text(), "1");

  const started = Date.now();
  const exitCode = await new Promise<number | null>((resolve) => {
    child.once("exit", resolve);
    child.kill("SIGTERM");
  });
  assert.equal(exitCode, 0);
  assert.ok(Date.now() - started < 1000, "stops within a second");
});

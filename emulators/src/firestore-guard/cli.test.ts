// The firestore-guard command: one readiness line with its address, serving at once, and a clean
// exit (code 0) within a second of SIGINT or SIGTERM.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { upstreamHost, writeIndexesFile } from "./test-harness.js";

const CLI = fileURLToPath(new URL("./cli.ts", import.meta.url));

function startCli(args: string[]) {
  return spawn(process.execPath, ["--import", "tsx", CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
}

describe("firestore-guard command", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    test(`prints its address, serves, and exits 0 within a second of ${signal}`, async () => {
      const indexes = writeIndexesFile({ indexes: [] });
      const child = startCli([
        "--port",
        "0",
        "--upstream",
        upstreamHost(),
        "--indexes",
        indexes,
        "--mode",
        "warn",
      ]);
      let output = "";
      const address = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          const match = /ready on (127\.0\.0\.1:\d+)/.exec(output);
          if (match?.[1]) resolve(match[1]);
        });
        child.on("exit", (code) => reject(new Error(`exited early with ${code}: ${output}`)));
      });
      assert.equal(output.trim().split("\n").length, 1);
      const status = (await (await fetch(`http://${address}/guard/v1/status`)).json()) as {
        mode: string;
        indexesFile: string;
      };
      assert.equal(status.mode, "warn");
      assert.equal(status.indexesFile, indexes);

      const stoppedAt = Date.now();
      child.kill(signal);
      const [code] = (await once(child, "exit")) as [number | null];
      assert.equal(code, 0);
      assert.ok(Date.now() - stoppedAt < 1000, `took ${Date.now() - stoppedAt} ms`);
    });
  }

  test("missing arguments print the usage and exit 2", async () => {
    const child = startCli(["--port", "0"]);
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [code] = (await once(child, "exit")) as [number | null];
    assert.equal(code, 2);
    assert.match(stderr, /usage: firestore-guard --port P --upstream HOST:PORT --indexes FILE/);
  });
});

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

// The folders of functions/src and the arrows between them, read from the product code's imports (tests
// and test support excluded): what the README's architecture section promises, kept true by this test.
const sourceRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Folders every capability may use: the platform under them. */
const platform = new Set(["common", "http", "events"]);
/** Not capabilities: test support, end-to-end tests, and the cross-route contract suites. */
const testOnly = new Set(["testing", "journeys", "contract"]);

function productFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return dir === sourceRoot && testOnly.has(entry.name) ? [] : productFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

const folderOf = (file: string) => {
  const parts = relative(sourceRoot, file).split("/");
  return parts.length === 1 ? "(root)" : (parts[0] as string);
};

/** `from` folder → folders it imports, each with one file that shows it. */
function importArrows(): Map<string, Map<string, string>> {
  const arrows = new Map<string, Map<string, string>>();
  for (const file of productFiles(sourceRoot)) {
    const from = folderOf(file);
    const text = readFileSync(file, "utf8");
    for (const [, specifier] of text.matchAll(/(?:from|import\(?)\s*"(\.{1,2}\/[^"]+)"/g)) {
      const to = folderOf(join(dirname(file), specifier as string));
      if (to === from) continue;
      const targets = arrows.get(from) ?? new Map<string, string>();
      if (!targets.has(to)) targets.set(to, relative(sourceRoot, file));
      arrows.set(from, targets);
    }
  }
  return arrows;
}

function cycleIn(arrows: Map<string, Map<string, string>>): string[] | undefined {
  const state = new Map<string, "visiting" | "done">();
  const walk = (folder: string, path: string[]): string[] | undefined => {
    if (state.get(folder) === "done") return undefined;
    if (state.get(folder) === "visiting") return [...path.slice(path.indexOf(folder)), folder];
    state.set(folder, "visiting");
    for (const next of arrows.get(folder)?.keys() ?? []) {
      const cycle = walk(next, [...path, folder]);
      if (cycle) return cycle;
    }
    state.set(folder, "done");
    return undefined;
  };
  for (const folder of arrows.keys()) {
    const cycle = walk(folder, []);
    if (cycle) return cycle;
  }
  return undefined;
}

describe("import arrows between capabilities", () => {
  const arrows = importArrows();
  const importsOf = (folder: string) => [...(arrows.get(folder)?.entries() ?? [])];

  it("point one way: no folder imports, through others, a folder that imports it", () => {
    assert.equal(cycleIn(arrows)?.join(" → "), undefined);
  });

  it("keep the ledger free of product capabilities", () => {
    const product = importsOf("ledger").filter(([to]) => !platform.has(to));
    assert.deepEqual(product, [], "the ledger may import only common/ and http/");
  });

  it("keep the platform free of capabilities", () => {
    for (const folder of platform) {
      const upward = importsOf(folder).filter(([to]) => !platform.has(to));
      assert.deepEqual(upward, [], `${folder}/ imports a capability`);
    }
  });

  it("leave flows to the app: no capability imports flows/", () => {
    const into = [...arrows].filter(([from, targets]) => from !== "(root)" && targets.has("flows"));
    assert.deepEqual(
      into.map(([from, targets]) => `${from}: ${targets.get("flows")}`),
      [],
    );
  });

  it("never reach test support from product code", () => {
    const reaching = [...arrows].filter(([, targets]) => [...testOnly].some((folder) => targets.has(folder)));
    assert.deepEqual(
      reaching.map(([from]) => from),
      [],
    );
  });
});

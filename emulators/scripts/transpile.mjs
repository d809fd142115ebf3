// Fast build for `npm start`: transpiles every workspace's TypeScript to `lib/` with esbuild, file by file,
// without type checking (a cold `tsc -b` takes several seconds on two cores). Type checking stays with
// `npm test`, `npm run lint` and the deploy build.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "testing" ? [] : sources(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

for (const workspace of ["functions", "emulators"]) {
  await build({
    entryPoints: sources(join(root, workspace, "src")),
    outdir: join(root, workspace, "lib"),
    outbase: join(root, workspace, "src"),
    format: "esm",
    platform: "node",
    target: "node20",
    sourcemap: true,
    logLevel: "warning",
  });
}

// `npm run bench`: runs every benchmark of the emulators workspace, one after another, each in its own
// process so that one's load does not colour the next one's numbers.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const benchDir = dirname(fileURLToPath(import.meta.url));
const benches = readdirSync(benchDir).filter((file) => file.endsWith(".ts") && file !== "run.ts");
let failed = 0;
for (const bench of benches.sort()) {
  console.log(`\n=== ${bench} ===`);
  const result = spawnSync(process.execPath, ["--import", "tsx", join(benchDir, bench)], {
    stdio: "inherit",
  });
  if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);

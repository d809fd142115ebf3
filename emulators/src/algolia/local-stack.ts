import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../stack/paths.js";
import type { StackProfile } from "../stack/profiles.js";
import { localAlgolia } from "./local-config.js";
import { type RunningAlgoliaServer, startAlgoliaServer } from "./server.js";

export interface LocalAlgolia {
  server: RunningAlgoliaServer;
  /** The key the sync trigger writes with; tests use it to look into the index. */
  adminKey: string;
}

const secretFile = join(repoRoot, "functions", ".secret.local");
const secretName = "ALGOLIA_ADMIN_KEY";

/**
 * The admin key the functions get. The Functions emulator reads secrets from functions/.secret.local
 * (git-ignored) and otherwise asks Google Secret Manager, which fails offline and logs an error on every
 * function start. So the key is taken from that file, or written to it once with the local default.
 */
function localAdminKey(log: (line: string) => void): string {
  const text = existsSync(secretFile) ? readFileSync(secretFile, "utf8") : "";
  const line = text.split(/\r?\n/).find((entry) => entry.startsWith(`${secretName}=`));
  if (line) return line.slice(secretName.length + 1).replace(/^"(.*)"$/, "$1");
  const separator = text === "" || text.endsWith("\n") ? "" : "\n";
  appendFileSync(
    secretFile,
    `${separator}# The local Algolia server's admin key (npm start / npm test).\n` +
      `${secretName}=${localAlgolia.adminKey}\n`,
  );
  log(`wrote ${secretName} for the local Algolia server to functions/.secret.local`);
  return localAlgolia.adminKey;
}

/**
 * Starts the local Algolia server on the profile's port, with the local application's keys. The functions
 * talk to it over http because ALGOLIA_HOST is set (see `algoliaEnvironment`); in production it is empty.
 */
export async function startLocalAlgolia(
  profile: StackProfile,
  log: (line: string) => void,
): Promise<LocalAlgolia> {
  const adminKey = localAdminKey(log);
  const server = await startAlgoliaServer({
    host: profile.algolia.host,
    port: profile.algolia.port,
    appId: localAlgolia.appId,
    apiKeys: { [adminKey]: ["admin"], [localAlgolia.searchKey]: ["search"] },
    log: (line) => log(`algolia: ${line}`),
  });
  return { server, adminKey };
}

import { Timestamp } from "firebase-admin/firestore";
import { db } from "../common/firebase.js";
import type { Caller } from "../http/caller.js";
import { agentRef, agentVersions } from "./repo.js";
import type { AgentConfig } from "./schemas.js";
import { agentNotFound, mayWrite } from "./service.js";
import { rejectIssues, validateConfig } from "./validate-config.js";
import { type ChangeLevel, nextVersion } from "./versioning.js";

export interface ConfigChange {
  agentId: string;
  previousVersion: string;
  version: string;
  change: ChangeLevel | null;
  config: AgentConfig;
}

/**
 * Gives the caller's agent a new configuration and the version it earns (see versioning.ts), and keeps the
 * configuration readable under `versions/{version}`. Reading the current version and writing the next one
 * happen in one transaction, so two concurrent changes never both claim the same version: the later one is
 * retried on top of the earlier. An identical configuration changes nothing and keeps the version.
 */
export async function changeConfig(
  agentId: string,
  config: AgentConfig,
  caller: Caller,
): Promise<ConfigChange> {
  const ref = agentRef(agentId);
  return db().runTransaction(async (transaction) => {
    const agent = (await transaction.get(ref)).data();
    if (!agent || !mayWrite(agent, caller)) throw agentNotFound(agentId);
    rejectIssues(validateConfig(config, agent.identity));
    const { version, change } = nextVersion(agent.version, agent.config, config);
    const answer = { agentId, previousVersion: agent.version, version, change, config };
    if (!change) return { ...answer, config: agent.config };
    // Versions are listed newest first by creation time; it must grow even if the clock stalls between two
    // quick changes, or two versions could share a timestamp.
    const now = Timestamp.now();
    const createdAt =
      now.toMillis() > agent.updatedAt.toMillis()
        ? now
        : Timestamp.fromMillis(agent.updatedAt.toMillis() + 1);
    transaction.set(ref, { ...agent, config, version, updatedAt: createdAt });
    transaction.create(agentVersions(agentId).doc(version), {
      version,
      config,
      createdAt,
      createdBy: caller.uid,
    });
    return answer;
  });
}

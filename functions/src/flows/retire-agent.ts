import { deleteAgent } from "../agents/delete-agent.js";
import { AppError } from "../common/errors.js";
import type { Caller } from "../http/caller.js";
import { prepareTakeDown } from "../marketplace/listings.js";
import { countActiveSessionsOfAgent } from "../sessions/of-others.js";

/**
 * Deletes the caller's agent unless someone has it hired (409 `conflict` with `activeSessions`), and takes
 * its marketplace listing down (`unpublished`). The check, the agent and the listing go in one transaction,
 * so a hire that starts meanwhile makes the transaction retry and refuse.
 */
export async function retireAgent(agentId: string, caller: Caller): Promise<void> {
  await deleteAgent(agentId, caller, async (transaction) => {
    const activeSessions = await countActiveSessionsOfAgent(transaction, agentId);
    if (activeSessions > 0)
      throw new AppError("conflict", "The agent has active hires; delete it when they have ended.", {
        activeSessions,
      });
    return prepareTakeDown(transaction, agentId);
  });
}

import { AppError } from "../common/errors.js";
import type { Caller } from "../http/caller.js";
import { agentRef, agents } from "./repo.js";
import type { Agent } from "./schemas.js";

/** Owners may do anything with their agents; admins may look at any agent but change none. */
export function mayRead(agent: Agent, caller: Caller): boolean {
  return agent.ownerUid === caller.uid || caller.roles.has("admin");
}

export function mayWrite(agent: Agent, caller: Caller): boolean {
  return agent.ownerUid === caller.uid;
}

/** The one answer for missing agents and other people's, so agent ids cannot be probed. */
export function agentNotFound(agentId: string): AppError {
  return new AppError("notFound", "No such agent.", { agentId });
}

/**
 * The agent, if the caller owns it or is an admin; otherwise `notFound` (also for someone else's agent).
 * For other capabilities that act on an agent for its owner, e.g. publishing it.
 */
export async function getOwnedAgent(agentId: string, caller: Caller): Promise<Agent> {
  const agent = (await agentRef(agentId).get()).data();
  if (!agent || !mayRead(agent, caller)) throw agentNotFound(agentId);
  return agent;
}

/** The agent, if the caller owns it; otherwise `notFound`, admins included. */
export async function getAgentForOwner(agentId: string, caller: Caller): Promise<Agent> {
  const agent = (await agentRef(agentId).get()).data();
  if (!agent || !mayWrite(agent, caller)) throw agentNotFound(agentId);
  return agent;
}

/** How many agents an account owns, by one aggregation. */
export async function countAgentsOf(ownerUid: string): Promise<number> {
  return (await agents().where("ownerUid", "==", ownerUid).count().get()).data().count;
}

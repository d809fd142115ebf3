import { Collections } from "../common/collections.js";
import { AppError } from "../common/errors.js";
import { db } from "../common/firebase.js";
import type { Caller } from "../http/caller.js";
import { agentRef } from "./repo.js";
import type { Agent } from "./schemas.js";

/** Session statuses that hold an agent: a hire waiting to start, or one running. */
export const activeSessionStatuses = ["active", "pending"] as const;

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

/** Hires of the agent that are pending or running (the DOF economy writes them). */
export function activeSessionsQuery(agentId: string) {
  return db()
    .collection(Collections.sessions)
    .where("agentId", "==", agentId)
    .where("status", "in", [...activeSessionStatuses]);
}

/** Whether anyone has the agent hired right now, or is about to; such an agent cannot be deleted. */
export async function hasActiveSessions(agentId: string): Promise<boolean> {
  const snapshot = await activeSessionsQuery(agentId).limit(1).count().get();
  return snapshot.data().count > 0;
}

import { Timestamp } from "firebase-admin/firestore";
import { db } from "../common/firebase.js";
import type { Caller } from "../http/caller.js";
import { agentRef, agents, agentVersions } from "./repo.js";
import type { CreateAgentBody, UpdateAgentBody } from "./requests.js";
import type { Agent } from "./schemas.js";
import { agentNotFound, mayWrite } from "./service.js";
import { rejectIssues, specialistIssues, validateConfig, validatePricing } from "./validate-config.js";

export const initialVersion = "1.0.0";

/**
 * Creates an agent for its owner, with version 1.0.0 of its configuration. The agent and its first version
 * are written in one batch: an agent never exists without the version it claims to be at.
 */
export async function createAgent(body: CreateAgentBody, ownerUid: string): Promise<Agent> {
  rejectIssues([...validateConfig(body.config, body.identity), ...validatePricing(body.pricing)]);
  const ref = agents().doc();
  const now = Timestamp.now();
  const agent: Agent = {
    agentId: ref.id,
    ownerUid,
    identity: body.identity,
    config: body.config,
    version: initialVersion,
    pricing: body.pricing,
    availability: body.availability,
    experience: { hoursByGame: {}, totalHours: 0 },
    achievements: [],
    listingStatus: null,
    createdAt: now,
    updatedAt: now,
  };
  const batch = db().batch();
  batch.create(ref, agent);
  batch.create(agentVersions(ref.id).doc(initialVersion), {
    version: initialVersion,
    config: body.config,
    createdAt: now,
    createdBy: ownerUid,
  });
  await batch.commit();
  return agent;
}

/**
 * Replaces the identity, pricing and availability of the caller's agent. The configuration is untouched,
 * so the version stays; a new type is checked against it (a Specialist needs games).
 */
export async function updateAgent(agentId: string, body: UpdateAgentBody, caller: Caller): Promise<Agent> {
  const ref = agentRef(agentId);
  return db().runTransaction(async (transaction) => {
    const agent = (await transaction.get(ref)).data();
    if (!agent || !mayWrite(agent, caller)) throw agentNotFound(agentId);
    rejectIssues([
      ...specialistIssues(agent.config, body.identity, "body.identity.type"),
      ...validatePricing(body.pricing),
    ]);
    // The whole document goes through the converter's schema; the transaction's read keeps fields that
    // others write (experience, listing status) from being overwritten with stale values.
    const updated: Agent = { ...agent, ...body, updatedAt: Timestamp.now() };
    transaction.set(ref, updated);
    return updated;
  });
}

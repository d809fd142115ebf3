import { z } from "zod";
import { pageOf } from "../http/pagination.js";
import {
  type Agent,
  AgentAvailability,
  AgentConfig,
  AgentIdentity,
  AgentPricing,
  type AgentVersion,
} from "./schemas.js";

const isoTime = z.iso.datetime();

/** An agent as its owner (or an admin) sees it through the API: timestamps as ISO 8601 strings. */
export const AgentView = z.object({
  agentId: z.string(),
  ownerUid: z.string(),
  version: z.string(),
  identity: AgentIdentity,
  config: AgentConfig,
  pricing: AgentPricing,
  availability: AgentAvailability,
  experience: z.object({ hoursByGame: z.record(z.string(), z.number()), totalHours: z.number() }),
  achievements: z.array(z.object({ id: z.string(), title: z.string(), earnedAt: isoTime })),
  listingStatus: z.string().nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type AgentView = z.infer<typeof AgentView>;

export const AgentPage = pageOf(AgentView);

export function viewOfAgent(agent: Agent): AgentView {
  return {
    agentId: agent.agentId,
    ownerUid: agent.ownerUid,
    version: agent.version,
    identity: agent.identity,
    config: agent.config,
    pricing: agent.pricing,
    availability: agent.availability,
    experience: agent.experience,
    achievements: agent.achievements.map((achievement) => ({
      id: achievement.id,
      title: achievement.title,
      earnedAt: achievement.earnedAt.toDate().toISOString(),
    })),
    listingStatus: agent.listingStatus,
    createdAt: agent.createdAt.toDate().toISOString(),
    updatedAt: agent.updatedAt.toDate().toISOString(),
  };
}

export const AgentConfigView = z.object({ agentId: z.string(), version: z.string(), config: AgentConfig });

/** One stored configuration, as `GET /agents/{agentId}/versions` lists it. */
export const AgentVersionView = z.object({
  version: z.string(),
  config: AgentConfig,
  createdAt: isoTime,
  createdBy: z.string(),
});
export type AgentVersionView = z.infer<typeof AgentVersionView>;

export const AgentVersionPage = pageOf(AgentVersionView);

export function viewOfVersion(version: AgentVersion): AgentVersionView {
  return {
    version: version.version,
    config: version.config,
    createdAt: version.createdAt.toDate().toISOString(),
    createdBy: version.createdBy,
  };
}

/** The answer to a configuration change: which version it made, and how much it changed. */
export const ConfigChangeView = AgentConfigView.extend({
  previousVersion: z.string(),
  change: z.enum(["major", "minor", "patch"]).nullable(),
});

export const ValidationView = z.object({ valid: z.literal(true) });

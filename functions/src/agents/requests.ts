import { z } from "zod";
import { PageQuery } from "../http/pagination.js";
import { AgentAvailability, AgentConfig, AgentIdentity, AgentPricing, SemanticVersion } from "./schemas.js";

/** The shape of a request; rules across fields and against the catalogue are in validate-config.ts. */
export const CreateAgentBody = z.strictObject({
  identity: AgentIdentity,
  config: AgentConfig,
  pricing: AgentPricing,
  availability: AgentAvailability.prefault({}),
});
export type CreateAgentBody = z.infer<typeof CreateAgentBody>;

/** Replaces these parts whole; the configuration changes through `PUT /agents/{agentId}/config` only. */
export const UpdateAgentBody = z.strictObject({
  identity: AgentIdentity,
  pricing: AgentPricing,
  availability: AgentAvailability,
});
export type UpdateAgentBody = z.infer<typeof UpdateAgentBody>;

/**
 * A configuration wrapped in `config`, so that issues carry the same paths (`body.config.…`) on every route
 * that takes one.
 */
export const ConfigBody = z.strictObject({ config: AgentConfig });

// Firestore ids exclude "/" and must not be "." or ".."; the pattern keeps ids to what we generate and seed.
const AgentId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, "Not an agent id.");

export const AgentParams = z.strictObject({ agentId: AgentId });
export const VersionParams = z.strictObject({ agentId: AgentId, version: SemanticVersion });

export const AgentListQuery = PageQuery;

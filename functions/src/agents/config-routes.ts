import { AppError } from "../common/errors.js";
import { ApiRouter } from "../http/api-router.js";
import { PageQuery, paginate } from "../http/pagination.js";
import { changeConfig } from "./change-config.js";
import { agentVersions } from "./repo.js";
import { AgentParams, ConfigBody, VersionParams } from "./requests.js";
import { agentRateLimits } from "./routes.js";
import { getAgentForOwner, getOwnedAgent } from "./service.js";
import { rejectIssues, validateConfig } from "./validate-config.js";
import {
  AgentConfigView,
  AgentVersionPage,
  AgentVersionView,
  ConfigChangeView,
  ValidationView,
  viewOfVersion,
} from "./views.js";

/** An agent's configuration and its version history. */
export const agentConfigRoutes = new ApiRouter()
  .route(
    "get",
    "/agents/:agentId/config",
    {
      summary: "An agent's current configuration and version",
      access: "user",
      scope: "agents:read",
      rateLimitPerMinute: agentRateLimits.readsPerMinute,
      params: AgentParams,
      response: AgentConfigView,
    },
    async ({ params, caller }) => {
      const agent = await getOwnedAgent(params.agentId, caller);
      return { agentId: agent.agentId, version: agent.version, config: agent.config };
    },
  )
  .route(
    "put",
    "/agents/:agentId/config",
    {
      summary:
        "Replace the configuration; the version goes up by the weight of the change (none if identical)",
      access: "user",
      scope: "agents:write",
      rateLimitPerMinute: agentRateLimits.writesPerMinute,
      params: AgentParams,
      body: ConfigBody,
      response: ConfigChangeView,
    },
    async ({ params, body, caller }) => changeConfig(params.agentId, body.config, caller),
  )
  .route(
    "post",
    "/agents/:agentId/config/validate",
    {
      summary: "Check a proposed configuration by the rules of PUT /config, without saving it",
      access: "user",
      scope: "agents:write",
      rateLimitPerMinute: agentRateLimits.writesPerMinute,
      params: AgentParams,
      body: ConfigBody,
      response: ValidationView,
    },
    async ({ params, body, caller }) => {
      const agent = await getAgentForOwner(params.agentId, caller);
      rejectIssues(validateConfig(body.config, agent.identity), "The configuration is not valid.");
      return { valid: true as const };
    },
  )
  .route(
    "get",
    "/agents/:agentId/versions",
    {
      summary: "An agent's configuration versions, newest first",
      access: "user",
      scope: "agents:read",
      rateLimitPerMinute: agentRateLimits.readsPerMinute,
      params: AgentParams,
      query: PageQuery,
      response: AgentVersionPage,
    },
    async ({ params, query, caller }) => {
      await getOwnedAgent(params.agentId, caller);
      const page = await paginate(
        agentVersions(params.agentId),
        [{ field: "createdAt", direction: "desc" }],
        query,
      );
      return { items: page.items.map(viewOfVersion), nextCursor: page.nextCursor };
    },
  )
  .route(
    "get",
    "/agents/:agentId/versions/:version",
    {
      summary: "One configuration version of an agent",
      access: "user",
      scope: "agents:read",
      rateLimitPerMinute: agentRateLimits.readsPerMinute,
      params: VersionParams,
      response: AgentVersionView,
    },
    async ({ params, caller }) => {
      await getOwnedAgent(params.agentId, caller);
      const version = (await agentVersions(params.agentId).doc(params.version).get()).data();
      if (!version)
        throw new AppError("notFound", "This agent has no such version.", { version: params.version });
      return viewOfVersion(version);
    },
  )
  .finish();

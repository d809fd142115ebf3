import { ApiRouter } from "../http/api-router.js";
import { paginate } from "../http/pagination.js";
import { agents } from "./repo.js";
import { AgentListQuery, AgentParams, CreateAgentBody, UpdateAgentBody } from "./requests.js";
import { createAgent, updateAgent } from "./save-agent.js";
import { getOwnedAgent } from "./service.js";
import { AgentPage, AgentView, viewOfAgent } from "./views.js";

/**
 * Per caller and route. Set here rather than left to RATE_LIMIT_PER_MINUTE: agent editors save often, and
 * a write bucket stays under Firestore's sustained one write per second per counter document.
 */
export const agentRateLimits = { readsPerMinute: 120, writesPerMinute: 60 } as const;

/** An owner's agents: create, list, read, replace identity/pricing/availability (deleting is a flow). */
export const agentRoutes = new ApiRouter()
  .route(
    "get",
    "/agents",
    {
      summary: "The caller's own agents, newest first",
      access: "user",
      scope: "agents:read",
      rateLimitPerMinute: agentRateLimits.readsPerMinute,
      query: AgentListQuery,
      response: AgentPage,
    },
    async ({ query, caller }) => {
      const page = await paginate(
        agents().where("ownerUid", "==", caller.uid),
        [{ field: "createdAt", direction: "desc" }],
        query,
      );
      return { items: page.items.map(viewOfAgent), nextCursor: page.nextCursor };
    },
  )
  .route(
    "post",
    "/agents",
    {
      summary: "Create an agent at version 1.0.0; every configuration and pricing issue is named at once",
      access: "user",
      scope: "agents:write",
      rateLimitPerMinute: agentRateLimits.writesPerMinute,
      successStatus: 201,
      body: CreateAgentBody,
      response: AgentView,
    },
    async ({ body, caller }) => viewOfAgent(await createAgent(body, caller.uid)),
  )
  .route(
    "get",
    "/agents/:agentId",
    {
      summary: "One of the caller's agents (admins may read any)",
      access: "user",
      scope: "agents:read",
      rateLimitPerMinute: agentRateLimits.readsPerMinute,
      params: AgentParams,
      response: AgentView,
    },
    async ({ params, caller }) => viewOfAgent(await getOwnedAgent(params.agentId, caller)),
  )
  .route(
    "put",
    "/agents/:agentId",
    {
      summary: "Replace an agent's identity, pricing and availability; the configuration has its own route",
      access: "user",
      scope: "agents:write",
      rateLimitPerMinute: agentRateLimits.writesPerMinute,
      params: AgentParams,
      body: UpdateAgentBody,
      response: AgentView,
    },
    async ({ params, body, caller }) => viewOfAgent(await updateAgent(params.agentId, body, caller)),
  )
  .finish();

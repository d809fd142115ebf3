import { ApiRouter } from "../http/api-router.js";
import { publishListing, unpublishListing } from "./publish.js";
import { AgentIdParams, PublishBody } from "./schemas.js";
import { ManagedListingView, managedViewOf } from "./views.js";

/**
 * An agent's owner puts it on the marketplace or takes it off. Paths of their own under /agents, so the
 * agents capability's routes and these never share a path (one router per path).
 */
export const publishRoutes = new ApiRouter()
  .route(
    "post",
    "/agents/:agentId/publish",
    {
      summary: "Publish or update the agent's marketplace listing (a vendor's first one is reviewed first)",
      access: "vendor",
      rateLimitPerMinute: 30,
      params: AgentIdParams,
      body: PublishBody,
      response: ManagedListingView,
    },
    async ({ params, body, caller }) => managedViewOf(await publishListing(params.agentId, caller.uid, body)),
  )
  .route(
    "post",
    "/agents/:agentId/unpublish",
    {
      summary: "Take the agent's listing off the marketplace",
      access: "vendor",
      rateLimitPerMinute: 30,
      params: AgentIdParams,
      response: ManagedListingView,
    },
    async ({ params, caller }) => managedViewOf(await unpublishListing(params.agentId, caller.uid)),
  )
  .finish();

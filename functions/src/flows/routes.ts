import { AgentParams } from "../agents/requests.js";
import { agentRateLimits } from "../agents/routes.js";
import { ApiRouter } from "../http/api-router.js";
import { TransactionView } from "../ledger/views.js";
import { ListingIdParams } from "../marketplace/schemas.js";
import { ListingPageView, listingPage } from "./listing-page.js";
import { retireAgent } from "./retire-agent.js";
import { TransferBody, transferBetweenUsers } from "./transfer-between-users.js";

/** Routes whose work joins capabilities: each handler is a flow of this folder. */
export const flowRoutes = new ApiRouter()
  .route(
    "delete",
    "/agents/:agentId",
    {
      summary: "Delete an agent with its versions and unpublish its listing; refused while it is hired",
      access: "user",
      scope: "agents:write",
      rateLimitPerMinute: agentRateLimits.writesPerMinute,
      params: AgentParams,
    },
    async ({ params, caller }) => {
      await retireAgent(params.agentId, caller);
      return undefined;
    },
  )
  .route(
    "post",
    "/transactions/transfer",
    {
      summary: "Send DOF to another user; idempotent per idempotencyKey",
      access: "user",
      rateLimitPerMinute: 30,
      successStatus: 201,
      body: TransferBody,
      response: TransactionView,
    },
    async ({ caller, body }) => transferBetweenUsers(caller.uid, body),
  )
  .route(
    "get",
    "/marketplace/:listingId",
    {
      summary: "One listing; a listing that is not active is visible to its owner and admins only",
      access: "public",
      scope: "marketplace:read",
      params: ListingIdParams,
      response: ListingPageView,
    },
    async ({ params, caller }) => listingPage(params.listingId, caller),
  )
  .finish();

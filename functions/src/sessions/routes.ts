import { ApiRouter } from "../http/api-router.js";
import { pageOf } from "../http/pagination.js";
import { endSession, reconfigureSession } from "./end.js";
import { hireAgent } from "./hire.js";
import { getSession, listSessions } from "./list.js";
import { writeLiveState } from "./live.js";
import {
  HireBody,
  ListingParams,
  SessionListQuery,
  SessionParams,
  StartSessionBody,
  UpdateSessionBody,
  UsageBody,
} from "./requests.js";
import type { Session } from "./schemas.js";
import { startFreeSession } from "./start.js";
import { recordUsage } from "./usage.js";
import { SessionView, sessionView } from "./views.js";

/**
 * The live meter exists before the client hears of the session: its read rule needs the hirer's uid in it,
 * so a client listening at once would otherwise be refused (the trigger writes the same state, versioned).
 */
async function answerStarted(session: Session): Promise<SessionView> {
  await writeLiveState(session);
  return sessionView(session);
}

/**
 * Hiring and running agents. Money moves only with a person's ID token; the agent's runtime reports usage
 * and reads sessions with its owner's API key (`sessions:write`, `sessions:read`).
 * A retry with the same key answers what the first try did (201 and the same session).
 */
export const sessionRoutes = new ApiRouter()
  .route(
    "post",
    "/marketplace/:listingId/hire",
    {
      summary: "Hire a listed agent: its price moves into the session's escrow and the session starts",
      access: "user",
      successStatus: 201,
      params: ListingParams,
      body: HireBody,
      response: SessionView,
    },
    async ({ caller, params, body }) =>
      answerStarted((await hireAgent(caller.uid, params.listingId, body)).session),
  )
  .route(
    "get",
    "/sessions",
    {
      summary: "The caller's sessions, as hirer or as owner, newest first",
      access: "user",
      scope: "sessions:read",
      query: SessionListQuery,
      response: pageOf(SessionView),
    },
    async ({ caller, query }) => listSessions(caller.uid, query),
  )
  .route(
    "post",
    "/sessions",
    {
      summary: "Start a free session: an owned session on one's own agent, or a listing's one trial",
      access: "user",
      successStatus: 201,
      body: StartSessionBody,
      response: SessionView,
    },
    async ({ caller, body }) => answerStarted((await startFreeSession(caller.uid, body)).session),
  )
  .route(
    "get",
    "/sessions/:sessionId",
    {
      summary: "One session the caller runs or owns the agent of",
      access: "user",
      scope: "sessions:read",
      params: SessionParams,
      response: SessionView,
    },
    async ({ caller, params }) => getSession(caller.uid, params.sessionId),
  )
  .route(
    "put",
    "/sessions/:sessionId",
    {
      summary: "Change a running session's configuration (the hirer only)",
      access: "user",
      params: SessionParams,
      body: UpdateSessionBody,
      response: SessionView,
    },
    async ({ caller, params, body }) =>
      sessionView(await reconfigureSession(caller.uid, params.sessionId, body.configuration)),
  )
  .route(
    "delete",
    "/sessions/:sessionId",
    {
      summary: "End a session early; settlement returns the unused escrow",
      access: "user",
      scope: "sessions:write",
      params: SessionParams,
      response: SessionView,
    },
    async ({ caller, params }) => sessionView(await endSession(caller.uid, params.sessionId)),
  )
  .route(
    "post",
    "/sessions/:sessionId/usage",
    {
      summary: "Report usage from the agent's runtime (owner's API key); each eventId is applied once",
      access: "user",
      scope: "sessions:write",
      rateLimitPerMinute: 600,
      params: SessionParams,
      body: UsageBody,
      response: SessionView,
    },
    async ({ caller, params, body }) =>
      sessionView((await recordUsage(caller.uid, params.sessionId, body)).session),
  )
  .finish();

import { ApiRouter } from "../http/api-router.js";
import { pageOf } from "../http/pagination.js";
import { ListingIdParams } from "../marketplace/schemas.js";
import { createReview } from "./create-review.js";
import { listingReviews, ReviewsQuery, visibleReview } from "./read-reviews.js";
import { ReviewBody, ReviewIdParams, SessionIdParams, VoteBody } from "./schemas.js";
import { ReviewView, reviewView, VoteView } from "./views.js";
import { setVote } from "./vote.js";

/**
 * Reviews of hired sessions and their helpful votes. Writing a review is part of a session's life, so API
 * keys with `sessions:write` may do it for their owner; votes are the person's own opinion of someone
 * else's words and need an ID token (no key scope covers them). Reading is public, like the marketplace.
 */
export const reviewRoutes = new ApiRouter()
  .route(
    "post",
    "/sessions/:sessionId/review",
    {
      summary: "Review an ended hired session, once; only its hirer may",
      access: "user",
      scope: "sessions:write",
      successStatus: 201,
      params: SessionIdParams,
      body: ReviewBody,
      response: ReviewView,
    },
    async ({ caller, params, body }) => createReview(caller.uid, params.sessionId, body),
  )
  .route(
    "get",
    "/marketplace/:listingId/reviews",
    {
      summary: "A listing's reviews, newest first or by helpfulness or rating",
      access: "public",
      scope: "marketplace:read",
      params: ListingIdParams,
      query: ReviewsQuery,
      response: pageOf(ReviewView),
    },
    async ({ params, query, caller }) => listingReviews(params.listingId, query, caller),
  )
  .route(
    "get",
    "/reviews/:reviewId",
    {
      summary: "One review",
      access: "public",
      scope: "marketplace:read",
      params: ReviewIdParams,
      response: ReviewView,
    },
    async ({ params, caller }) => reviewView(await visibleReview(params.reviewId, caller)),
  )
  .route(
    "post",
    "/reviews/:reviewId/votes",
    {
      summary: "Vote a review helpful or not; voting again replaces the vote; not on one's own review",
      access: "user",
      params: ReviewIdParams,
      body: VoteBody,
      response: VoteView,
    },
    async ({ caller, params, body }) => setVote(caller, params.reviewId, body.helpful),
  )
  .route(
    "delete",
    "/reviews/:reviewId/votes",
    {
      summary: "Withdraw one's vote on a review (nothing to withdraw is not an error)",
      access: "user",
      params: ReviewIdParams,
    },
    async ({ caller, params }) => {
      await setVote(caller, params.reviewId, null);
    },
  )
  .finish();

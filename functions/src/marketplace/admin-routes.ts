import { ApiRouter } from "../http/api-router.js";
import { PageQuery, pageOf, paginate } from "../http/pagination.js";
import { decideListing, pinListing } from "./moderate.js";
import { listings } from "./repo.js";
import { ListingIdParams, ListingStatus, ReasonBody } from "./schemas.js";
import { ManagedListingView, managedViewOf } from "./views.js";

const QueueQuery = PageQuery.extend({ status: ListingStatus.default("under_review") });

/** Moderation: the review queue, decisions on listings and the featured pins. Admins only. */
export const adminListingRoutes = new ApiRouter()
  .route(
    "get",
    "/admin/listings",
    {
      summary: "Listings in one status, longest waiting first (the review queue by default)",
      access: "admin",
      query: QueueQuery,
      response: pageOf(ManagedListingView),
    },
    async ({ query }) => {
      const inStatus = listings().where("status", "==", query.status);
      const page = await paginate(inStatus, [{ field: "submittedAt", direction: "asc" }], query);
      return { items: page.items.map(managedViewOf), nextCursor: page.nextCursor };
    },
  )
  .route(
    "post",
    "/admin/listings/:listingId/approve",
    {
      summary: "Approve a listing under review",
      access: "admin",
      params: ListingIdParams,
      response: ManagedListingView,
    },
    async ({ params, caller }) =>
      managedViewOf(await decideListing(params.listingId, { action: "approve" }, caller.uid)),
  )
  .route(
    "post",
    "/admin/listings/:listingId/reject",
    {
      summary: "Reject a listing under review, with a reason its owner sees",
      access: "admin",
      params: ListingIdParams,
      body: ReasonBody,
      response: ManagedListingView,
    },
    async ({ params, body, caller }) =>
      managedViewOf(
        await decideListing(params.listingId, { action: "reject", reason: body.reason }, caller.uid),
      ),
  )
  .route(
    "post",
    "/admin/listings/:listingId/suspend",
    {
      summary: "Suspend a listing: off the marketplace, and its owner cannot republish it",
      access: "admin",
      params: ListingIdParams,
      body: ReasonBody,
      response: ManagedListingView,
    },
    async ({ params, body, caller }) =>
      managedViewOf(
        await decideListing(params.listingId, { action: "suspend", reason: body.reason }, caller.uid),
      ),
  )
  .route(
    "post",
    "/admin/listings/:listingId/feature",
    {
      summary: "Pin an active listing to the top of the featured list",
      access: "admin",
      params: ListingIdParams,
      response: ManagedListingView,
    },
    async ({ params, caller }) => managedViewOf(await pinListing(params.listingId, true, caller.uid)),
  )
  .route(
    "delete",
    "/admin/listings/:listingId/feature",
    { summary: "Unpin a listing from the featured list", access: "admin", params: ListingIdParams },
    async ({ params, caller }) => {
      await pinListing(params.listingId, false, caller.uid);
      return undefined;
    },
  )
  .finish();

import { z } from "zod";
import { ApiRouter } from "../http/api-router.js";
import { pageOf } from "../http/pagination.js";
import { BrowseQuery, browseListings, categoryCounts, featuredListings } from "./browse.js";
import { Category } from "./categories.js";
import { chooseSearchBackend } from "./search-backend.js";
import { SearchPage, SearchQuery } from "./search-contract.js";
import { ListingView } from "./views.js";

const FeaturedQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(12) });

/**
 * The public marketplace. The fixed paths (featured, categories, search) are registered before
 * `/marketplace/:listingId` in this one router, so a listing id can never shadow them.
 */
export const marketplaceRoutes = new ApiRouter()
  .route(
    "get",
    "/marketplace",
    {
      summary: "Active listings, newest first or by rating or popularity",
      access: "public",
      scope: "marketplace:read",
      query: BrowseQuery,
      response: pageOf(ListingView),
    },
    async ({ query }) => browseListings(query),
  )
  .route(
    "get",
    "/marketplace/featured",
    {
      summary: "Featured listings: pinned ones first, then by rating with confidence and recent hires",
      access: "public",
      scope: "marketplace:read",
      query: FeaturedQuery,
      response: z.object({ items: z.array(ListingView) }),
    },
    async ({ query }) => ({ items: await featuredListings(query.limit) }),
  )
  .route(
    "get",
    "/marketplace/categories",
    {
      summary: "Every category with its number of active listings",
      access: "public",
      scope: "marketplace:read",
      response: z.object({
        items: z.array(z.object({ category: Category, label: z.string(), activeListings: z.number().int() })),
      }),
    },
    async () => ({ items: await categoryCounts() }),
  )
  .route(
    "get",
    "/marketplace/search",
    {
      summary: "Search active listings by text and filters, with facets",
      access: "public",
      scope: "marketplace:read",
      query: SearchQuery,
      response: SearchPage,
    },
    async ({ query }) => (await chooseSearchBackend()).search(query),
  )
  .finish();

import express from "express";
import { agentConfigRoutes } from "./agents/config-routes.js";
import { agentRoutes } from "./agents/routes.js";
import { apiKeyRoutes } from "./api-keys/routes.js";
import { callerFromApiKey } from "./api-keys/verify.js";
import { authRoutes } from "./auth/routes.js";
import { badgeRoutes } from "./badges/routes.js";
import { AppError, handleErrors } from "./common/errors.js";
import { profileRoutes } from "./flows/profile-routes.js";
import { publicProfileRoutes } from "./flows/public-profile-routes.js";
import { flowRoutes } from "./flows/routes.js";
import { healthRoutes } from "./health/routes.js";
import { methodNotAllowed } from "./http/api-router.js";
import { acceptApiKeys } from "./http/authenticate.js";
import { openApiRoutes } from "./http/openapi-routes.js";
import { requestContext } from "./http/request-context.js";
import { transactionRoutes } from "./ledger/routes.js";
import { adminListingRoutes } from "./marketplace/admin-routes.js";
import { marketplaceRoutes } from "./marketplace/marketplace-routes.js";
import { publishRoutes } from "./marketplace/publish-routes.js";
import { reviewRoutes } from "./reviews/routes.js";
import { sessionRoutes } from "./sessions/routes.js";
import { storeRoutes } from "./store/routes.js";

/** The REST API as a plain Express app: Cloud Functions serves it, and tests can drive it directly. */
export function createApp(): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // One proxy hop (Google's front end) appends the client address; anything before it is client-supplied.
  app.set("trust proxy", 1);
  app.use(requestContext);
  app.use(express.json({ limit: "256kb" }));
  acceptApiKeys(app, callerFromApiKey);

  const v1 = express.Router();
  v1.use(healthRoutes);
  v1.use(openApiRoutes);
  v1.use(authRoutes);
  v1.use(apiKeyRoutes);
  v1.use(agentRoutes);
  v1.use(agentConfigRoutes);
  v1.use(profileRoutes);
  v1.use(publicProfileRoutes);
  v1.use(badgeRoutes);
  v1.use(publishRoutes);
  v1.use(marketplaceRoutes);
  v1.use(adminListingRoutes);
  v1.use(storeRoutes);
  v1.use(transactionRoutes);
  v1.use(sessionRoutes);
  v1.use(reviewRoutes);
  // After the marketplace's routes: `/marketplace/:listingId` would take `/marketplace/search`'s path.
  v1.use(flowRoutes);
  v1.use(methodNotAllowed());
  app.use("/v1", v1);

  app.use((req, _res, next) => next(new AppError("notFound", `No route ${req.method} ${req.path}.`)));
  app.use(handleErrors);
  return app;
}

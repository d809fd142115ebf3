import express from "express";
import { authRoutes } from "./auth/routes.js";
import { AppError, handleErrors } from "./common/errors.js";
import { healthRoutes } from "./health/routes.js";
import { requestContext } from "./http/request-context.js";

/** The REST API as a plain Express app: Cloud Functions serves it, and tests can drive it directly. */
export function createApp(): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", true);
  app.use(requestContext);
  app.use(express.json({ limit: "256kb" }));

  const v1 = express.Router();
  v1.use(healthRoutes);
  v1.use(authRoutes);
  app.use("/v1", v1);

  app.use((req, _res, next) => next(new AppError("notFound", `No route ${req.method} ${req.path}.`)));
  app.use(handleErrors);
  return app;
}

import { Router } from "express";
import { checkServices } from "./checks.js";

export const healthRoutes = Router();

/** Public and unauthenticated: load balancers and the local stack poll it. 503 while a service is down. */
healthRoutes.get("/health", async (_req, res) => {
  const services = await checkServices();
  const healthy = Object.values(services).every((service) => service.status === "up");
  res.status(healthy ? 200 : 503).json({ status: healthy ? "ok" : "degraded", services });
});

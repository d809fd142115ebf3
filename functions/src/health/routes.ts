import { ApiRouter } from "../http/api-router.js";
import { checkServices } from "./checks.js";

/** Public and unauthenticated: load balancers and the local stack poll it. 503 while a service is down. */
export const healthRoutes = new ApiRouter()
  .route(
    "get",
    "/health",
    { summary: "Health of the API and the services it needs", access: "public", rateLimitPerMinute: false },
    async (_input, res) => {
      const services = await checkServices();
      const healthy = Object.values(services).every((service) => service.status === "up");
      res.status(healthy ? 200 : 503);
      return { status: healthy ? "ok" : "degraded", services };
    },
  )
  .finish();

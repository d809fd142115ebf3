import { ApiRouter } from "./api-router.js";
import { openApiDocument } from "./openapi.js";

export const openApiRoutes = new ApiRouter()
  .route("get", "/openapi.json", { summary: "This API's OpenAPI 3.1 document", access: "public" }, async () =>
    openApiDocument(),
  )
  .finish();

import type { Request, Response } from "express";
import { onRequest } from "firebase-functions/v2/https";
// Params must be declared when the CLI loads this module to discover functions (deploy and emulator), or
// their values are never resolved; the routes that read them load lazily, so declare them here.
import { shopifyAdminToken } from "./common/params.js";

let app: Promise<(req: Request, res: Response) => void> | undefined;

// Express and the routes load on the first request, not when the functions module loads, so the other
// functions deployed from this codebase do not pay for them on a cold start.
function loadApp() {
  app ??= import("./app.js").then(({ createApp }) => createApp());
  return app;
}

// The Admin token: POST /admin/store/packages/sync reads the catalogue. Never the webhook secret.
export const api = onRequest({ invoker: "public", secrets: [shopifyAdminToken] }, async (req, res) =>
  (await loadApp())(req, res),
);

import type { Request, Response } from "express";
import { onRequest } from "firebase-functions/v2/https";

let app: Promise<(req: Request, res: Response) => void> | undefined;

// Express and the routes load on the first request, not when the functions module loads, so the other
// functions deployed from this codebase do not pay for them on a cold start.
function loadApp() {
  app ??= import("./app.js").then(({ createApp }) => createApp());
  return app;
}

export const api = onRequest({ invoker: "public" }, async (req, res) => (await loadApp())(req, res));

import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";
import { logger } from "firebase-functions";

const acceptableRequestId = /^[\w.:-]{8,128}$/;

/**
 * Gives every request an id (the caller's, when it sent a sane one, so traces join up across services),
 * echoes it in `X-Request-Id`, and logs one structured line when the response is sent.
 */
export const requestContext: RequestHandler = (req, res, next) => {
  const incoming = req.get("x-request-id");
  const requestId = incoming && acceptableRequestId.test(incoming) ? incoming : randomUUID();
  req.headers["x-request-id"] = requestId;
  res.set("X-Request-Id", requestId);
  const started = performance.now();
  res.on("finish", () => {
    logger.info("request", {
      requestId,
      method: req.method,
      path: req.originalUrl.split("?")[0],
      status: res.statusCode,
      uid: res.locals.uid,
      durationMs: Math.round(performance.now() - started),
    });
  });
  next();
};

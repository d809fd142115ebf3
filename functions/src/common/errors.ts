import type { ErrorRequestHandler } from "express";
import { logger } from "firebase-functions";

/**
 * Every error a client can see has one of these codes. The code is the stable contract; the message is for
 * people and may change.
 */
export const ErrorCode = {
  invalidArgument: 400,
  unauthenticated: 401,
  insufficientFunds: 402,
  permissionDenied: 403,
  notFound: 404,
  methodNotAllowed: 405,
  conflict: 409,
  failedPrecondition: 412,
  payloadTooLarge: 413,
  unsupportedMediaType: 415,
  rateLimited: 429,
  internal: 500,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ErrorCode;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ErrorCode[this.code];
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: Record<string, unknown> };
}

export function errorBody(error: AppError): ErrorBody {
  return { error: { code: error.code, message: error.message, details: error.details } };
}

/** Body-parser and friends throw http-errors with `status` and `type`; map the ones a client can cause. */
function fromHttpError(error: unknown): AppError | undefined {
  if (typeof error !== "object" || error === null || !("status" in error)) return undefined;
  const status = Number((error as { status: unknown }).status);
  const type = "type" in error ? String((error as { type: unknown }).type) : "";
  if (type === "entity.parse.failed")
    return new AppError("invalidArgument", "The request body is not valid JSON.");
  if (type === "entity.too.large") return new AppError("payloadTooLarge", "The request body is too large.");
  if (status === 415) return new AppError("unsupportedMediaType", "The request body must be JSON.");
  if (status >= 400 && status < 500) return new AppError("invalidArgument", "The request could not be read.");
  return undefined;
}

/** An error of a lower layer that says itself how a client sees it (the ledger's refusals). */
interface ClientVisibleError {
  toAppError(): AppError;
}

function isClientVisible(error: unknown): error is ClientVisibleError {
  return (
    typeof error === "object" && error !== null && typeof Reflect.get(error, "toAppError") === "function"
  );
}

/** The error as a client sees it, when it is one a client may see. */
export function asAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (isClientVisible(error)) return error.toAppError();
  return fromHttpError(error);
}

/** Turns every thrown error into the one error body; unknown errors keep their details in the logs only. */
export const handleErrors: ErrorRequestHandler = (error, req, res, _next) => {
  const appError = asAppError(error);
  if (appError) {
    const retryAfterSeconds = appError.details.retryAfterSeconds;
    if (typeof retryAfterSeconds === "number") res.set("Retry-After", String(retryAfterSeconds));
    res.status(appError.status).json(errorBody(appError));
    return;
  }
  logger.error("Unhandled error", { requestId: req.get("x-request-id"), path: req.path, error });
  res.status(500).json(errorBody(new AppError("internal", "Something went wrong on our side.")));
};

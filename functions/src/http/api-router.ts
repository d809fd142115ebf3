import { type Request, type RequestHandler, type Response, Router } from "express";
import type { z } from "zod";
import { AppError } from "../common/errors.js";
import { rateLimitPerMinute } from "../common/params.js";
import { type Access, authorize, identify } from "./authenticate.js";
import type { Caller, Scope } from "./caller.js";
import { registeredOperations, registerOperation } from "./openapi.js";
import { enforceRateLimits, type RateLimit } from "./rate-limit.js";

type Method = "get" | "post" | "put" | "patch" | "delete";

interface RouteSpec<Body extends z.ZodType, Query extends z.ZodType, Params extends z.ZodType> {
  /** One line for the OpenAPI document. */
  summary: string;
  access: Access;
  /** The scope an API key needs to call this route; without one, API keys cannot call it. */
  scope?: Scope;
  /** Per caller and route; defaults to the RATE_LIMIT_PER_MINUTE param. `false` only for health checks. */
  rateLimitPerMinute?: number | false;
  /** The status of a successful answer with a body (204 is sent for handlers that return nothing). */
  successStatus?: 200 | 201 | 202;
  body?: Body;
  query?: Query;
  params?: Params;
  /** Documents the success body in OpenAPI; not enforced at runtime. */
  response?: z.ZodType;
}

type Input<Body, Query, Params, A extends Access> = {
  body: Body;
  query: Query;
  params: Params;
  caller: A extends "public" ? Caller | undefined : Caller;
};

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join("."),
    code: issue.code,
    message: issue.message,
  }));
  throw new AppError("invalidArgument", `The request ${where} is not valid.`, { issues });
}

function rateLimitsFor(req: Request, caller: Caller | undefined, route: string, perMinute: number) {
  const credential = caller?.credential;
  const subject =
    credential?.kind === "apiKey"
      ? `key:${credential.keyId}`
      : caller
        ? `user:${caller.uid}`
        : `ip:${req.ip}`;
  const limits: RateLimit[] = [{ bucket: `${subject}|${route}`, perMinute }];
  if (credential?.kind === "apiKey")
    limits.push({ bucket: `key:${credential.keyId}`, perMinute: credential.rateLimitPerMinute });
  return limits;
}

/**
 * An Express router whose routes declare who may call them, their rate limit and zod schemas for body,
 * query and params. Each request is authenticated, authorised, counted and validated, in that order,
 * before the handler sees only parsed values; the returned value is sent as JSON (204 when undefined).
 * Every route lands in the OpenAPI document, from which `methodNotAllowed` answers other methods of a known
 * path, whichever router serves it.
 */
export class ApiRouter {
  readonly router = Router();

  route<A extends Access, B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(
    method: Method,
    path: string,
    spec: RouteSpec<B, Q, P> & { access: A },
    handler: (input: Input<z.infer<B>, z.infer<Q>, z.infer<P>, A>, res: Response) => Promise<unknown>,
  ): this {
    const successStatus = spec.successStatus ?? 200;
    registerOperation({
      method,
      path,
      summary: spec.summary,
      access: spec.access,
      scope: spec.scope,
      successStatus,
      body: spec.body,
      query: spec.query,
      params: spec.params,
      response: spec.response,
    });
    const route = `${method.toUpperCase()} ${path}`;
    const run: RequestHandler = async (req, res) => {
      const caller = await identify(req);
      if (caller) res.locals.uid = caller.uid;
      authorize(caller, spec.access, spec.scope);
      if (spec.rateLimitPerMinute !== false) {
        const perMinute = spec.rateLimitPerMinute ?? rateLimitPerMinute.value();
        await enforceRateLimits(rateLimitsFor(req, caller, route, perMinute));
      }
      const input = {
        body: parse(spec.body, req.body, "body"),
        query: parse(spec.query, req.query, "query"),
        params: parse(spec.params, req.params, "params"),
        caller,
      } as Input<z.infer<B>, z.infer<Q>, z.infer<P>, A>;
      const result = await handler(input, res);
      if (result === undefined) res.status(res.statusCode === 200 ? 204 : res.statusCode).end();
      else res.status(res.statusCode === 200 ? successStatus : res.statusCode).json(result);
    };
    this.router[method](path, run);
    return this;
  }

  /** The Express router of these routes, to mount under /v1. */
  finish(): Router {
    return this.router;
  }
}

/**
 * After every router: a known path called with a method none of them serves answers 405 with `Allow`.
 * Built from all registered routes, so a path may be served by several capabilities' routers.
 */
export function methodNotAllowed(): Router {
  const methodsByPath = new Map<string, Set<string>>();
  for (const { method, path } of registeredOperations()) {
    const methods = methodsByPath.get(path) ?? new Set<string>();
    methods.add(method.toUpperCase());
    methodsByPath.set(path, methods);
  }
  const router = Router();
  for (const [path, methods] of methodsByPath) {
    const allow = [...methods].join(", ");
    router.all(path, (req, res, next) => {
      if (req.method === "HEAD" && methods.has("GET")) return next();
      res.set("Allow", allow);
      next(
        new AppError("methodNotAllowed", `${req.method} is not allowed here; use ${allow}.`, {
          allow: [...methods],
        }),
      );
    });
  }
  return router;
}

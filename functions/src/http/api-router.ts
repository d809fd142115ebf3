import { type RequestHandler, type Response, Router } from "express";
import type { z } from "zod";
import { AppError } from "../common/errors.js";
import { authenticate, requireRole } from "./authenticate.js";
import type { Caller, Role } from "./caller.js";

type Access = "public" | Role;
type Method = "get" | "post" | "put" | "patch" | "delete";

interface RouteSpec<Body extends z.ZodType, Query extends z.ZodType, Params extends z.ZodType> {
  access: Access;
  body?: Body;
  query?: Query;
  params?: Params;
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

/**
 * An Express router whose routes declare who may call them and zod schemas for body, query and params.
 * Handlers receive only the parsed values; the returned value is sent as JSON (204 when undefined).
 * A path that exists answers other methods with 405 and `Allow`.
 */
export class ApiRouter {
  readonly router = Router();
  private readonly methodsByPath = new Map<string, Set<string>>();

  route<A extends Access, B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(
    method: Method,
    path: string,
    spec: RouteSpec<B, Q, P> & { access: A },
    handler: (input: Input<z.infer<B>, z.infer<Q>, z.infer<P>, A>, res: Response) => Promise<unknown>,
  ): this {
    const methods = this.methodsByPath.get(path) ?? new Set<string>();
    methods.add(method.toUpperCase());
    this.methodsByPath.set(path, methods);
    const run: RequestHandler = async (req, res) => {
      const caller = spec.access === "public" ? undefined : await authenticate(req);
      if (caller && spec.access !== "user") requireRole(caller, spec.access as Role);
      const input = {
        body: parse(spec.body, req.body, "body"),
        query: parse(spec.query, req.query, "query"),
        params: parse(spec.params, req.params, "params"),
        caller,
      } as Input<z.infer<B>, z.infer<Q>, z.infer<P>, A>;
      const result = await handler(input, res);
      if (result === undefined) res.status(res.statusCode === 200 ? 204 : res.statusCode).end();
      else res.json(result);
    };
    this.router[method](path, run);
    return this;
  }

  /** Call once after the last route: answers known paths' other methods with 405. */
  finish(): Router {
    for (const [path, methods] of this.methodsByPath) {
      const allow = [...methods].join(", ");
      this.router.all(path, (req, res, next) => {
        if (req.method === "HEAD" && methods.has("GET")) return next();
        res.set("Allow", allow);
        next(
          new AppError("methodNotAllowed", `${req.method} is not allowed here; use ${allow}.`, {
            allow: [...methods],
          }),
        );
      });
    }
    return this.router;
  }
}

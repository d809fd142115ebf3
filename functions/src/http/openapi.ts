import { z } from "zod";
import { ErrorCode } from "../common/errors.js";
import type { Access } from "./authenticate.js";
import type { Scope } from "./caller.js";

/** One route as the OpenAPI document describes it; ApiRouter registers each route it serves. */
export interface Operation {
  method: string;
  /** Express path under /v1, e.g. `/agents/:agentId`. */
  path: string;
  summary: string;
  access: Access;
  scope: Scope | undefined;
  successStatus: number;
  body: z.ZodType | undefined;
  query: z.ZodType | undefined;
  params: z.ZodType | undefined;
  response: z.ZodType | undefined;
}

const operations: Operation[] = [];

export function registerOperation(operation: Operation): void {
  operations.push(operation);
}

/** Every route registered so far (all of them once the app's route modules are loaded). */
export function registeredOperations(): readonly Operation[] {
  return operations;
}

type JsonSchema = Record<string, unknown> & {
  properties?: Record<string, unknown>;
  required?: string[];
};

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    target: "draft-2020-12",
    unrepresentable: "any",
  }) as JsonSchema;
  return rest;
}

function parameters(schema: z.ZodType | undefined, where: "query" | "path") {
  if (!schema) return [];
  const { properties = {}, required = [] } = jsonSchema(schema, "input");
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === "path" || required.includes(name),
    schema: property,
  }));
}

function security(operation: Operation) {
  const apiKey = operation.scope ? [{ apiKey: [operation.scope] }] : [];
  if (operation.access === "public") return [{}, ...apiKey];
  if (operation.access === "user") return [{ idToken: [] }, ...apiKey];
  return [{ idToken: [] }];
}

const errorResponse = { $ref: "#/components/responses/Error" };

function describe(operation: Operation) {
  const responses: Record<string, unknown> = {
    [operation.successStatus]: operation.response
      ? {
          description: "Success",
          content: { "application/json": { schema: jsonSchema(operation.response, "output") } },
        }
      : { description: "Success" },
    "4XX": errorResponse,
    "5XX": errorResponse,
  };
  return {
    operationId: `${operation.method}${operation.path.replace(/[/:{}-]+(\w)?/g, (_, c = "") => c.toUpperCase())}`,
    summary: operation.summary,
    tags: [operation.path.split("/")[1] ?? "api"],
    security: security(operation),
    parameters: [...parameters(operation.params, "path"), ...parameters(operation.query, "query")],
    ...(operation.body && {
      requestBody: {
        required: true,
        content: { "application/json": { schema: jsonSchema(operation.body, "input") } },
      },
    }),
    responses,
    "x-jiga-access": operation.access,
    ...(operation.scope && { "x-jiga-scope": operation.scope }),
  };
}

let built: object | undefined;

/** The OpenAPI 3.1 document of every registered route, generated from the same zod schemas that validate. */
export function openApiDocument(): object {
  if (built) return built;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const path = operation.path.replace(/:(\w+)/g, "{$1}");
    paths[path] = { ...paths[path], [operation.method]: describe(operation) };
  }
  built = {
    openapi: "3.1.0",
    info: {
      title: "JIGA Store API",
      version: "1.0.0",
      description: "Errors always have the body `{ error: { code, message, details } }`.",
    },
    servers: [{ url: "/v1" }],
    paths,
    components: {
      securitySchemes: {
        idToken: { type: "http", scheme: "bearer", bearerFormat: "Firebase ID token" },
        apiKey: { type: "apiKey", in: "header", name: "X-API-Key" },
      },
      responses: {
        Error: {
          description: "The one error body",
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["error"],
                properties: {
                  error: {
                    type: "object",
                    required: ["code", "message", "details"],
                    properties: {
                      code: { enum: Object.keys(ErrorCode) },
                      message: { type: "string" },
                      details: { type: "object" },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  };
  return built;
}

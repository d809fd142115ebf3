import { call } from "../api-client.js";

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  maxLength?: number;
  maxItems?: number;
  const?: unknown;
  default?: unknown;
}

export interface DocumentedOperation {
  /** `GET /agents/:agentId`: the form route cases are keyed by. */
  route: string;
  method: string;
  access: string;
  scope: string | undefined;
  body: JsonSchema | undefined;
  query: { name: string; required: boolean; schema: JsonSchema }[];
}

interface OperationDoc {
  parameters?: { name: string; in: string; required: boolean; schema: JsonSchema }[];
  requestBody?: { content: { "application/json": { schema: JsonSchema } } };
  "x-jiga-access": string;
  "x-jiga-scope"?: string;
}

/** Every operation the running API documents in /v1/openapi.json. */
export async function documentedOperations(): Promise<DocumentedOperation[]> {
  const response = await call("GET", "/openapi.json");
  const paths = response.json.paths as Record<string, Record<string, OperationDoc>>;
  return Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      route: `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`,
      method: method.toUpperCase(),
      access: operation["x-jiga-access"],
      scope: operation["x-jiga-scope"],
      body: operation.requestBody?.content["application/json"].schema,
      query: (operation.parameters ?? [])
        .filter((parameter) => parameter.in === "query")
        .map(({ name, required, schema }) => ({ name, required, schema })),
    })),
  );
}

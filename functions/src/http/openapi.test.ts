import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { call } from "../testing/api-client.js";

interface OperationDoc {
  operationId: string;
  summary: string;
  security: Record<string, string[]>[];
  parameters: { name: string; in: string; required: boolean; schema: object }[];
  requestBody?: { content: { "application/json": { schema: { required?: string[] } } } };
  responses: Record<string, unknown>;
  "x-jiga-access": string;
  "x-jiga-scope"?: string;
}

describe("OpenAPI document: GET /v1/openapi.json", () => {
  it("describes every route from the same schemas that validate it", async () => {
    const response = await call("GET", "/openapi.json");
    assert.equal(response.status, 200);
    const doc = response.json as { openapi: string; paths: Record<string, Record<string, OperationDoc>> };
    assert.equal(doc.openapi, "3.1.0");

    const login = doc.paths["/auth/login"]?.post;
    assert.ok(login, "POST /auth/login is documented");
    assert.deepEqual(login.requestBody?.content["application/json"].schema.required?.sort(), [
      "email",
      "password",
    ]);
    assert.equal(login["x-jiga-access"], "public");

    const me = doc.paths["/auth/user"]?.get;
    assert.ok(me);
    assert.deepEqual(me.security, [{ idToken: [] }, { apiKey: ["profile:read"] }]);

    const revoke = doc.paths["/api-keys/{keyId}"]?.delete;
    assert.ok(revoke, "Express :params become {params}");
    assert.deepEqual(
      revoke.parameters.map((parameter) => [parameter.name, parameter.in, parameter.required]),
      [["keyId", "path", true]],
    );

    const ids = new Set<string>();
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        assert.ok(operation.summary, `${method} ${path} has a summary`);
        assert.ok(operation.responses["4XX"], `${method} ${path} documents the error body`);
        assert.ok(!ids.has(operation.operationId), `operationId ${operation.operationId} is unique`);
        ids.add(operation.operationId);
      }
    }
  });
});

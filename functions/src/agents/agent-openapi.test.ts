import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { call } from "../testing/api-client.js";

interface Operation {
  summary?: string;
  responses: Record<string, { content?: unknown }>;
  "x-jiga-scope"?: string;
}

describe("agents in the OpenAPI document", () => {
  it("documents every agent route with a summary, its scope and its success body", async () => {
    const document = (await call("GET", "/openapi.json")).json;
    const expected: [string, string, string, boolean][] = [
      ["/agents", "get", "agents:read", true],
      ["/agents", "post", "agents:write", true],
      ["/agents/{agentId}", "get", "agents:read", true],
      ["/agents/{agentId}", "put", "agents:write", true],
      ["/agents/{agentId}", "delete", "agents:write", false],
      ["/agents/{agentId}/config", "get", "agents:read", true],
      ["/agents/{agentId}/config", "put", "agents:write", true],
      ["/agents/{agentId}/config/validate", "post", "agents:write", true],
      ["/agents/{agentId}/versions", "get", "agents:read", true],
      ["/agents/{agentId}/versions/{version}", "get", "agents:read", true],
    ];
    for (const [path, method, scope, hasBody] of expected) {
      const operation: Operation | undefined = document.paths[path]?.[method];
      assert.ok(operation, `${method.toUpperCase()} ${path} is documented`);
      assert.ok(operation.summary, `${method.toUpperCase()} ${path} has a summary`);
      assert.equal(operation["x-jiga-scope"], scope);
      const success = Object.entries(operation.responses).find(([status]) => status.startsWith("2"));
      assert.equal(Boolean(success?.[1].content), hasBody, `${method.toUpperCase()} ${path} success body`);
    }
    const created = document.paths["/agents"].post.responses["201"];
    assert.ok(created, "creating answers 201");
  });
});

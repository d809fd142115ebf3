import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stack } from "../testing/stack.js";

describe("GET /v1/health (through the api function in the stack)", () => {
  it("answers 200 with the status of each backing service", async () => {
    const response = await fetch(`${stack.apiUrl}/health`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as { status: string; services: Record<string, { status: string }> };
    assert.equal(body.status, "ok");
    assert.deepEqual(Object.keys(body.services).sort(), ["auth", "firestore", "realtimeDatabase"]);
    for (const service of Object.values(body.services)) assert.equal(service.status, "up");
  });

  it("gives every response a request id, keeping a sane one the caller sent", async () => {
    const generated = await fetch(`${stack.apiUrl}/health`);
    assert.match(generated.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
    const kept = await fetch(`${stack.apiUrl}/health`, { headers: { "X-Request-Id": "trace-1234-abcd" } });
    assert.equal(kept.headers.get("x-request-id"), "trace-1234-abcd");
  });
});

describe("API error contract", () => {
  it("answers an unknown route with 404 and the error body", async () => {
    const response = await fetch(`${stack.apiUrl}/no-such-route`);
    assert.equal(response.status, 404);
    const body = (await response.json()) as { error: { code: string; message: string; details: unknown } };
    assert.equal(body.error.code, "notFound");
    assert.match(body.error.message, /GET \/v1\/no-such-route/);
    assert.deepEqual(body.error.details, {});
  });

  it("answers a body that is not JSON with 400, not 500", async () => {
    // Cloud Functions parses JSON bodies before our code runs and rejects malformed ones itself, so the
    // status is the contract here; bodies that parse reach our validation and its error body.
    const response = await fetch(`${stack.apiUrl}/health`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{not json",
    });
    assert.equal(response.status, 400);
  });
});

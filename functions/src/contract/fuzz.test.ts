import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { type CallOptions, call, errorCode } from "../testing/api-client.js";
import { credentialsOf } from "../testing/contract/callers.js";
import { invalidBodies, invalidQueries } from "../testing/contract/invalid-values.js";
import { type DocumentedOperation, documentedOperations } from "../testing/contract/openapi-operations.js";
import { clearRateLimits } from "../testing/contract/rate-limits.js";
import { routeCases } from "../testing/contract/route-cases.js";
import { createWorld, type World } from "../testing/contract/world.js";
import { resetStack } from "../testing/stack.js";

const maxCasesPerRoute = 100;
// Only well-formed percent-encodings: a broken one (`%E2%82`) is refused by the Functions emulator's own
// router before our app runs.
const junkPathValues = ["%00", "x".repeat(1600), "%C3%A9t%C3%A9", "%20", "*", "null"];

function callerFor(operation: DocumentedOperation, world: World): CallOptions {
  if (operation.access === "public") return credentialsOf("anonymous", world, operation.scope);
  return credentialsOf(operation.access === "admin" ? "admin" : "owner", world, operation.scope);
}

/** The route's path with one path parameter replaced by junk, for every parameter and junk value. */
function junkPaths(route: string, concrete: string): string[] {
  const pattern = route.split(" ")[1]?.split("/") ?? [];
  const segments = concrete.split("/");
  return pattern.flatMap((segment, index) =>
    segment.startsWith(":")
      ? junkPathValues.map((junk) => segments.map((value, at) => (at === index ? junk : value)).join("/"))
      : [],
  );
}

describe("Fuzz: invalid bodies, queries and path parameters get a 4xx error body, never a 500", () => {
  let world: World;
  let operations: DocumentedOperation[];

  before(async () => {
    await resetStack();
    world = await createWorld();
    operations = await documentedOperations();
  });

  it("covers every documented route", () => {
    for (const operation of operations)
      assert.ok(routeCases[operation.route], `${operation.route} has a case`);
  });

  it("refuses every invalid request with a client error", async () => {
    const failures: string[] = [];
    let requests = 0;
    for (const operation of operations) {
      const routeCase = routeCases[operation.route];
      if (!routeCase || operation.route === "POST /auth/logout") continue;
      const path = await routeCase.path(world);
      const caller = callerFor(operation, world);
      const requestsOf: { label: string; path: string; body?: unknown }[] = [
        ...(operation.body ? invalidBodies(operation.body, routeCase.body?.(world)) : []).map((invalid) => ({
          label: invalid.label,
          path,
          body: invalid.body,
        })),
        ...invalidQueries(operation.query).map((invalid) => ({
          label: invalid.label,
          path: `${path}${path.includes("?") ? "&" : "?"}${invalid.query}`,
          body: routeCase.body?.(world),
        })),
        ...junkPaths(operation.route, path).map((junk) => ({
          label: `path ${junk.slice(0, 40)}`,
          path: junk,
          body: routeCase.body?.(world),
        })),
      ].slice(0, maxCasesPerRoute);
      for (const request of requestsOf) {
        requests += 1;
        // Rate limits count before validation; forget them, so every answer here is about the request.
        await clearRateLimits();
        const response = await call(operation.method, request.path, { ...caller, body: request.body });
        const refused = response.status >= 400 && response.status < 500 && response.status !== 429;
        if (!refused) failures.push(`${operation.route} ${request.label}: ${response.status}`);
        else errorCode(response);
      }
    }
    assert.ok(requests > 50, `sent ${requests} invalid requests`);
    assert.deepEqual(failures, []);
  });
});

import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { call, errorCode } from "../testing/api-client.js";
import { type CallerKind, callerKinds, credentialsOf } from "../testing/contract/callers.js";
import { type DocumentedOperation, documentedOperations } from "../testing/contract/openapi-operations.js";
import { clearRateLimits } from "../testing/contract/rate-limits.js";
import { routeCases } from "../testing/contract/route-cases.js";
import { createWorld, type World } from "../testing/contract/world.js";
import { resetStack } from "../testing/stack.js";

describe("Authorization matrix: every route × every kind of caller", () => {
  let world: World;
  let operations: Map<string, DocumentedOperation>;

  before(async () => {
    await resetStack();
    world = await createWorld();
    operations = new Map((await documentedOperations()).map((operation) => [operation.route, operation]));
  });

  it("has a row for every route the API serves, and none for routes it does not", () => {
    assert.deepEqual(Object.keys(routeCases).sort(), [...operations.keys()].sort());
  });

  for (const [route, routeCase] of Object.entries(routeCases)) {
    it(route, async () => {
      const [method = ""] = route.split(" ");
      const scope = operations.get(route)?.scope;
      const actual = {} as Record<CallerKind, number>;
      for (const kind of callerKinds) {
        await clearRateLimits();
        const response = await call(method, await routeCase.path(world), {
          ...credentialsOf(kind, world, scope),
          body: routeCase.body?.(world),
        });
        actual[kind] = response.status;
        if (response.status >= 400) errorCode(response);
      }
      await routeCase.after?.(world);
      assert.deepEqual(actual, routeCase.expect);
    });
  }
});

import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { call } from "./api-client.js";
import type { TestUser } from "./people.js";
import { stack } from "./stack.js";

/** Hires a listing over HTTP as `hirer`; returns the raw answer. */
export function hire(
  hirer: TestUser,
  listingId: string,
  body: { duration?: string; quantity?: number; idempotencyKey?: string; configuration?: unknown } = {},
) {
  return call("POST", `/marketplace/${listingId}/hire`, {
    token: hirer.idToken,
    body: { duration: "hourly", quantity: 1, idempotencyKey: randomUUID(), ...body },
  });
}

/** An API key of the agent owner's with the scopes its runtime uses. */
export async function runtimeKey(owner: TestUser): Promise<string> {
  const created = await call("POST", "/api-keys", {
    token: owner.idToken,
    body: { name: "agent runtime", scopes: ["sessions:read", "sessions:write"], rateLimitPerMinute: 600 },
  });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  return created.json.key;
}

/** Reports usage as the agent runtime does. */
export function reportUsage(
  key: string,
  sessionId: string,
  report: { eventId?: string; activeMinutes: number; featureMinutes?: Record<string, number> },
) {
  return call("POST", `/sessions/${sessionId}/usage`, {
    apiKey: key,
    body: { eventId: randomUUID(), featureMinutes: {}, ...report },
  });
}

/** Runs the scheduled settlement now, through the local scheduler, and waits for it to finish. */
export async function runSettlement(): Promise<void> {
  const response = await fetch(`${stack.schedulerUrl}/jobs/settleSessions:run`, { method: "POST" });
  assert.equal(response.status, 200, await response.text());
}

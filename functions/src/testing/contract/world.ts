import assert from "node:assert/strict";
import { Scope } from "../../api-keys/schemas.js";
import { call } from "../api-client.js";
import { createUsers, type TestUser } from "../people.js";

/**
 * The people every contract test calls as. `Owner` owns the resources under test and is a vendor; `Vendor`
 * is another vendor; `Other` a plain user; `Admin` an admin who owns nothing.
 */
export interface World {
  people: Record<"Owner" | "Other" | "Vendor" | "Admin", TestUser>;
  /** The owner's API keys: one with every scope, and two with a single scope each. */
  keys: { all: string; profileOnly: string; marketplaceOnly: string };
  /** Ids of resources the owner holds, made once by the route cases that need them. */
  ids: Record<string, string>;
}

const allScopes: string[] = Scope.options;

async function createKey(owner: TestUser, scopes: string[]): Promise<string> {
  const response = await call("POST", "/api-keys", {
    token: owner.idToken,
    body: { name: `${scopes.length} scopes`, scopes, rateLimitPerMinute: 600 },
  });
  assert.equal(response.status, 201, JSON.stringify(response.json));
  return response.json.key;
}

export async function createWorld(): Promise<World> {
  const people = await createUsers({
    Owner: { vendor: true },
    Other: {},
    Vendor: { vendor: true },
    Admin: { admin: true },
  });
  const keys = {
    all: await createKey(people.Owner, allScopes),
    profileOnly: await createKey(people.Owner, ["profile:read"]),
    marketplaceOnly: await createKey(people.Owner, ["marketplace:read"]),
  };
  return { people, keys, ids: {} };
}

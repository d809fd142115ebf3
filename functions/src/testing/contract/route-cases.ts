import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Timestamp } from "firebase-admin/firestore";
import { type ApiResponse, call } from "../api-client.js";
import { createAgent, listingBody, publishActive } from "../marketplace-fixtures.js";
import { signInAgain } from "../people.js";
import { sampleAgentBody } from "../sample-agent.js";
import { createEndedHire } from "../session-fixtures.js";
import { variantOf } from "../shopify.js";
import { admin } from "../stack.js";
import { grantDof } from "../wallets.js";
import { type CallerKind, callerKinds } from "./callers.js";
import type { World } from "./world.js";

/** How one route is called in the contract suite, and the status each kind of caller must get. */
export interface RouteCase {
  /** The concrete path; may create a fresh resource for routes that use one up (DELETE). */
  path(world: World): string | Promise<string>;
  /** A valid body, so that an authorised caller gets past validation. */
  body?(world: World): unknown;
  expect: Record<CallerKind, number>;
  /** Restores the world after the route changed it (e.g. logout revoked tokens). */
  after?(world: World): Promise<void>;
}

/**
 * Statuses in the order anonymous, owner, other user, vendor, admin, API key with the scope, API key
 * without it: a row of the authorisation matrix reads as it would in a table.
 */
export function statuses(row: string): Record<CallerKind, number> {
  const values = row.trim().split(/\s+/).map(Number);
  assert.equal(values.length, callerKinds.length, `"${row}" needs ${callerKinds.length} statuses`);
  return Object.fromEntries(callerKinds.map((kind, index) => [kind, values[index]])) as Record<
    CallerKind,
    number
  >;
}

async function created(response: ApiResponse, what: string): Promise<string> {
  assert.equal(response.status, 201, `${what}: ${JSON.stringify(response.json)}`);
  return response.json.id ?? response.json.agentId;
}

/** A new agent of the owner's, for routes that use one up. */
async function freshAgentId(world: World): Promise<string> {
  const response = await call("POST", "/agents", {
    token: world.people.Owner.idToken,
    body: sampleAgentBody(),
  });
  return created(response, "creating an agent");
}

/** The owner's agent that read-only and repeatable routes share, made on first use. */
async function ownersAgentId(world: World): Promise<string> {
  world.ids.agent ??= await freshAgentId(world);
  return world.ids.agent;
}

/** A new listing of the owner's, put in the state a route acts on (the review queue depends on history). */
async function freshListingId(world: World, status: "under_review" | "active"): Promise<string> {
  const agentId = await freshAgentId(world);
  const published = await call("POST", `/agents/${agentId}/publish`, {
    token: world.people.Owner.idToken,
    body: listingBody(),
  });
  assert.equal(published.status, 200, JSON.stringify(published.json));
  if (status === "active" && published.json.status === "under_review") {
    const approved = await call("POST", `/admin/listings/${agentId}/approve`, {
      token: world.people.Admin.idToken,
    });
    assert.equal(approved.status, 200, JSON.stringify(approved.json));
  }
  // After the owner's first approval their listings go live at once; put this one back in the queue.
  if (status === "under_review" && published.json.status !== "under_review")
    await admin.db().collection("listings").doc(agentId).update({ status });
  return agentId;
}

/** A profile that receives the transfers of the matrix, so no caller sends DOF to themselves. */
const matrixRecipient = "matrix-recipient";

/** The owner's listing that everyone else hires, made once. */
async function activeListingId(world: World): Promise<string> {
  world.ids.activeListing ??= await freshListingId(world, "active");
  return world.ids.activeListing;
}

/** A new free session of the owner's on their own agent. */
async function freshOwnedSession(world: World): Promise<string> {
  const response = await call("POST", "/sessions", {
    token: world.people.Owner.idToken,
    body: { kind: "owned", agentId: await ownersAgentId(world), idempotencyKey: randomUUID() },
  });
  assert.equal(response.status, 201, JSON.stringify(response.json));
  return response.json.sessionId;
}

async function ownersSession(world: World): Promise<string> {
  world.ids.ownedSession ??= await freshOwnedSession(world);
  return world.ids.ownedSession;
}

async function freshApiKeyId(world: World): Promise<string> {
  const created = await call("POST", "/api-keys", {
    token: world.people.Owner.idToken,
    body: { name: "to revoke", scopes: ["profile:read"] },
  });
  return created.json.id;
}

/** An ended hire by the owner of another vendor's active listing, fresh each time (a review uses it up). */
async function ownersEndedHire(world: World): Promise<string> {
  const { Owner, Vendor, Admin } = world.people;
  if (!world.ids.hiredListing) {
    const agentId = await createAgent(Vendor.uid);
    await publishActive(Vendor, Admin, agentId);
    world.ids.hiredListing = agentId;
  }
  return createEndedHire({ hirerUid: Owner.uid, listingId: world.ids.hiredListing, ownerUid: Vendor.uid });
}

/** The owner's review of that vendor's listing, made on first use. */
async function ownersReviewId(world: World): Promise<string> {
  if (!world.ids.review) {
    const response = await call("POST", `/sessions/${await ownersEndedHire(world)}/review`, {
      token: world.people.Owner.idToken,
      body: { rating: 4, comment: "Good calls in clutch rounds." },
    });
    assert.equal(response.status, 201, JSON.stringify(response.json));
    world.ids.review = response.json.reviewId;
  }
  return world.ids.review as string;
}

/** Every route of the API. The contract suite fails when a route exists that this table does not name. */
export const routeCases: Record<string, RouteCase> = {
  //                                                         anon owner other vendor admin key  no-key
  "GET /health": { path: () => "/health", expect: statuses("200 200 200 200 200 200 200") },
  "GET /openapi.json": { path: () => "/openapi.json", expect: statuses("200 200 200 200 200 200 200") },
  "POST /auth/login": {
    path: () => "/auth/login",
    body: ({ people }) => ({ email: people.Other.email, password: people.Other.password }),
    expect: statuses("200 200 200 200 200 200 200"),
  },
  "POST /auth/refresh": {
    path: () => "/auth/refresh",
    body: ({ people }) => ({ refreshToken: people.Other.refreshToken }),
    expect: statuses("200 200 200 200 200 200 200"),
  },
  "POST /auth/logout": {
    path: () => "/auth/logout",
    expect: statuses("401 204 204 204 204 403 403"),
    async after({ people }) {
      // Revocation is checked in whole seconds: a token from the same second would count as revoked.
      await sleep(1100);
      for (const person of Object.values(people)) await signInAgain(person);
    },
  },
  "GET /auth/user": { path: () => "/auth/user", expect: statuses("401 200 200 200 200 200 403") },
  "POST /api-keys": {
    path: () => "/api-keys",
    body: () => ({ name: "matrix", scopes: ["profile:read"] }),
    expect: statuses("401 201 201 201 201 403 403"),
  },
  "GET /api-keys": { path: () => "/api-keys", expect: statuses("401 200 200 200 200 403 403") },
  "DELETE /api-keys/:keyId": {
    path: async (world) => `/api-keys/${await freshApiKeyId(world)}`,
    expect: statuses("401 204 404 404 404 403 403"),
  },

  // Agents: private to their owner (others get 404); admins may read any, but not change them.
  "GET /agents": { path: () => "/agents", expect: statuses("401 200 200 200 200 200 403") },
  "POST /agents": {
    path: () => "/agents",
    body: () => sampleAgentBody(),
    expect: statuses("401 201 201 201 201 201 403"),
  },
  "GET /agents/:agentId": {
    path: async (world) => `/agents/${await ownersAgentId(world)}`,
    expect: statuses("401 200 404 404 200 200 403"),
  },
  "PUT /agents/:agentId": {
    path: async (world) => `/agents/${await ownersAgentId(world)}`,
    body: () => {
      const { identity, pricing, availability } = sampleAgentBody();
      return { identity, pricing, availability };
    },
    expect: statuses("401 200 404 404 404 200 403"),
  },
  "DELETE /agents/:agentId": {
    path: async (world) => `/agents/${await freshAgentId(world)}`,
    expect: statuses("401 204 404 404 404 204 403"),
  },
  "GET /agents/:agentId/config": {
    path: async (world) => `/agents/${await ownersAgentId(world)}/config`,
    expect: statuses("401 200 404 404 200 200 403"),
  },
  "PUT /agents/:agentId/config": {
    path: async (world) => `/agents/${await ownersAgentId(world)}/config`,
    body: () => ({ config: sampleAgentBody().config }),
    expect: statuses("401 200 404 404 404 200 403"),
  },
  "POST /agents/:agentId/config/validate": {
    path: async (world) => `/agents/${await ownersAgentId(world)}/config/validate`,
    body: () => ({ config: sampleAgentBody().config }),
    expect: statuses("401 200 404 404 404 200 403"),
  },
  "GET /agents/:agentId/versions": {
    path: async (world) => `/agents/${await ownersAgentId(world)}/versions`,
    expect: statuses("401 200 404 404 200 200 403"),
  },
  "GET /agents/:agentId/versions/:version": {
    path: async (world) => `/agents/${await ownersAgentId(world)}/versions/1.0.0`,
    expect: statuses("401 200 404 404 200 200 403"),
  },

  // Profiles: one's own through the ID token (keys may read it); the public view is anyone's.
  "GET /profile": { path: () => "/profile", expect: statuses("401 200 200 200 200 200 403") },
  "PUT /profile": {
    path: () => "/profile",
    body: () => ({ displayName: "Matrix Runner" }),
    expect: statuses("401 200 200 200 200 403 403"),
  },
  "GET /profile/stats": { path: () => "/profile/stats", expect: statuses("401 200 200 200 200 200 403") },
  "GET /profile/wallet": { path: () => "/profile/wallet", expect: statuses("401 200 200 200 200 200 403") },
  "GET /users/:uid": {
    path: ({ people }) => `/users/${people.Owner.uid}`,
    expect: statuses("200 200 200 200 200 200 403"),
  },

  // The DOF ledger: each person's own history; transfers need an ID token.
  "GET /transactions": { path: () => "/transactions", expect: statuses("401 200 200 200 200 200 403") },
  "GET /transactions/:transactionId": {
    path: async (world) => {
      world.ids.ownersTransaction ??= await grantDof(world.people.Owner.uid, 10);
      return `/transactions/${world.ids.ownersTransaction}`;
    },
    expect: statuses("401 200 404 404 404 200 403"),
  },
  "POST /transactions/transfer": {
    path: async ({ people }) => {
      for (const person of Object.values(people)) await grantDof(person.uid, 1);
      await admin.db().doc(`users/${matrixRecipient}`).set({
        uid: matrixRecipient,
        displayName: "Recipient",
        avatarUrl: null,
        createdAt: Timestamp.now(),
      });
      return "/transactions/transfer";
    },
    body: () => ({ toUid: matrixRecipient, amountDof: 1, idempotencyKey: randomUUID() }),
    expect: statuses("401 201 201 201 201 403 403"),
  },

  // Badges and achievements.
  "GET /badges": { path: () => "/badges", expect: statuses("200 200 200 200 200 200 403") },
  "GET /badges/earned": { path: () => "/badges/earned", expect: statuses("401 200 200 200 200 200 403") },
  "GET /achievements": { path: () => "/achievements", expect: statuses("401 200 200 200 200 200 403") },

  // Publishing: vendors, on their own agents (another vendor's agent does not exist for them).
  "POST /agents/:agentId/publish": {
    path: async (world) => `/agents/${await ownersAgentId(world)}/publish`,
    body: () => listingBody(),
    expect: statuses("401 200 403 404 403 403 403"),
  },
  "POST /agents/:agentId/unpublish": {
    path: async (world) => `/agents/${await freshListingId(world, "active")}/unpublish`,
    expect: statuses("401 200 403 404 403 403 403"),
  },

  // Moderation: admins only.
  "GET /admin/listings": { path: () => "/admin/listings", expect: statuses("401 403 403 403 200 403 403") },
  "POST /admin/listings/:listingId/approve": {
    path: async (world) => `/admin/listings/${await freshListingId(world, "under_review")}/approve`,
    expect: statuses("401 403 403 403 200 403 403"),
  },
  "POST /admin/listings/:listingId/reject": {
    path: async (world) => `/admin/listings/${await freshListingId(world, "under_review")}/reject`,
    body: () => ({ reason: "The description promises ranked wins." }),
    expect: statuses("401 403 403 403 200 403 403"),
  },
  "POST /admin/listings/:listingId/suspend": {
    path: async (world) => `/admin/listings/${await freshListingId(world, "active")}/suspend`,
    body: () => ({ reason: "Reported for abuse." }),
    expect: statuses("401 403 403 403 200 403 403"),
  },
  "POST /admin/listings/:listingId/feature": {
    path: async (world) => `/admin/listings/${await freshListingId(world, "active")}/feature`,
    expect: statuses("401 403 403 403 200 403 403"),
  },
  "DELETE /admin/listings/:listingId/feature": {
    path: async (world) => `/admin/listings/${await freshListingId(world, "active")}/feature`,
    expect: statuses("401 403 403 403 204 403 403"),
  },

  // The public marketplace: anyone, and API keys with marketplace:read.
  "GET /marketplace": { path: () => "/marketplace", expect: statuses("200 200 200 200 200 200 403") },
  "GET /marketplace/featured": {
    path: () => "/marketplace/featured",
    expect: statuses("200 200 200 200 200 200 403"),
  },
  "GET /marketplace/categories": {
    path: () => "/marketplace/categories",
    expect: statuses("200 200 200 200 200 200 403"),
  },
  "GET /marketplace/search": {
    path: () => "/marketplace/search?q=aim",
    expect: statuses("200 200 200 200 200 200 403"),
  },
  "GET /marketplace/:listingId": {
    path: async (world) => {
      return `/marketplace/${await activeListingId(world)}`;
    },
    expect: statuses("200 200 200 200 200 200 403"),
  },

  // The DOF store: packages are public; buying needs a person; the sync is for admins.
  "GET /store/packages": { path: () => "/store/packages", expect: statuses("200 200 200 200 200 200 403") },
  "POST /transactions/purchase": {
    path: async () => {
      await variantOf("DOF-150K-BRONZE"); // synced from the local shop on first use
      return "/transactions/purchase";
    },
    body: () => ({ packageId: "DOF-150K-BRONZE", idempotencyKey: `matrix-${randomUUID()}` }),
    expect: statuses("401 201 201 201 201 403 403"),
  },
  "POST /admin/store/packages/sync": {
    path: () => "/admin/store/packages/sync",
    expect: statuses("401 403 403 403 200 403 403"),
  },
  // Hiring and sessions: money moves with ID tokens only; the agent runtime reads and reports with a key.
  // Sessions are seen by the person running them and the agent's owner, 404 for everyone else.
  "POST /marketplace/:listingId/hire": {
    path: async (world) => {
      for (const person of Object.values(world.people)) await grantDof(person.uid, 500);
      return `/marketplace/${await activeListingId(world)}/hire`;
    },
    body: () => ({ duration: "hourly", quantity: 1, idempotencyKey: randomUUID() }),
    expect: statuses("401 412 201 201 201 403 403"),
  },
  "GET /sessions": { path: () => "/sessions", expect: statuses("401 200 200 200 200 200 403") },
  "POST /sessions": {
    path: async (world) => {
      await ownersAgentId(world);
      return "/sessions";
    },
    body: (world) => ({ kind: "owned", agentId: world.ids.agent, idempotencyKey: randomUUID() }),
    expect: statuses("401 201 404 404 404 403 403"),
  },
  "GET /sessions/:sessionId": {
    path: async (world) => `/sessions/${await ownersSession(world)}`,
    expect: statuses("401 200 404 404 404 200 403"),
  },
  "PUT /sessions/:sessionId": {
    path: async (world) => `/sessions/${await ownersSession(world)}`,
    body: () => ({ configuration: { game: "valorant", language: "en", notes: "Aim drills" } }),
    expect: statuses("401 200 404 404 404 403 403"),
  },
  "DELETE /sessions/:sessionId": {
    path: async (world) => `/sessions/${await freshOwnedSession(world)}`,
    expect: statuses("401 200 404 404 404 200 403"),
  },
  "POST /sessions/:sessionId/usage": {
    path: async (world) => `/sessions/${await ownersSession(world)}/usage`,
    body: () => ({ eventId: randomUUID(), activeMinutes: 1 }),
    expect: statuses("401 200 404 404 404 200 403"),
  },

  // Reviews: only the hirer reviews a session (others get 404); the reviewer and the listing's owner do not
  // vote on it; reading is public.
  "POST /sessions/:sessionId/review": {
    path: async (world) => `/sessions/${await ownersEndedHire(world)}/review`,
    body: () => ({ rating: 5, title: "Great", comment: "Climbed two ranks." }),
    expect: statuses("401 201 404 404 404 201 403"),
  },
  "GET /marketplace/:listingId/reviews": {
    path: async (world) => {
      await ownersReviewId(world);
      return `/marketplace/${world.ids.hiredListing}/reviews`;
    },
    expect: statuses("200 200 200 200 200 200 403"),
  },
  "GET /reviews/:reviewId": {
    path: async (world) => `/reviews/${await ownersReviewId(world)}`,
    expect: statuses("200 200 200 200 200 200 403"),
  },
  "POST /reviews/:reviewId/votes": {
    path: async (world) => `/reviews/${await ownersReviewId(world)}/votes`,
    body: () => ({ helpful: true }),
    expect: statuses("401 403 200 403 200 403 403"),
  },
  "DELETE /reviews/:reviewId/votes": {
    path: async (world) => `/reviews/${await ownersReviewId(world)}/votes`,
    expect: statuses("401 204 204 204 204 403 403"),
  },
};

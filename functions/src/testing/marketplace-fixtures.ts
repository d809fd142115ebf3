import { Timestamp } from "firebase-admin/firestore";
import { Agent, type AgentPricing } from "../agents/schemas.js";
import { Collections } from "../common/collections.js";
import { statsFields } from "../marketplace/listing-stats.js";
import type { ListingStats } from "../marketplace/schemas.js";
import { signUp } from "./accounts.js";
import { call } from "./api-client.js";
import { createUsers, type Roles, type TestUser } from "./people.js";
import { admin, eventually, resetStack } from "./stack.js";

/**
 * A fresh stack with these accounts, as `createUsers` makes them, after one throwaway sign-up that wakes
 * the sign-up triggers: their cold start on a busy two-core machine can outlast createUsers' own wait.
 */
export async function freshStackWithUsers<Name extends string>(
  roles: Record<Name, Roles>,
): Promise<Record<Name, TestUser>> {
  await resetStack();
  await signUp("warm-up@example.com", "warm-up-pass-1");
  const totals = admin.db().collection(Collections.platformStats).doc("totals");
  await eventually(
    "the warm-up sign-up counted",
    async () => ((await totals.get()).get("totalUsers") === 1 ? true : undefined),
    120_000,
  );
  await resetStack();
  return createUsers(roles);
}

/** The agent fields marketplace tests vary; everything else gets a plausible default. */
export interface AgentSpec {
  name?: string;
  type?: "Assistant" | "Mentor" | "Specialist";
  rank?: "Bronze" | "Silver" | "Gold" | "Platinum";
  imageUrl?: string | null;
  games?: string[];
  languages?: string[];
  nationality?: string;
  voiceChat?: boolean;
  pricing?: Partial<AgentPricing>;
}

/**
 * Writes an agent document owned by `ownerUid`, valid per the Agent schema (the agents capability's routes
 * are not needed to test the marketplace). Returns its id.
 */
export async function createAgent(ownerUid: string, spec: AgentSpec = {}): Promise<string> {
  const ref = admin.db().collection(Collections.agents).doc();
  const now = Timestamp.now();
  const agent = Agent.parse({
    agentId: ref.id,
    ownerUid,
    identity: {
      name: spec.name ?? "Test Agent",
      imageUrl: spec.imageUrl === undefined ? "https://img.example.com/agent.png" : spec.imageUrl,
      rank: spec.rank ?? "Gold",
      type: spec.type ?? "Mentor",
    },
    config: {
      primary: { provider: "openai", model: "gpt-4o" },
      nationality: spec.nationality ?? "BR",
      languages: spec.languages ?? ["pt", "en"],
      features: { voiceChat: spec.voiceChat ?? false },
      specialisation: { games: spec.games ?? ["valorant"] },
    },
    version: "1.0.0",
    pricing: { hourlyDof: 500, dailyDof: 5_000, weeklyDof: 25_000, ...spec.pricing },
    availability: {},
    experience: { hoursByGame: {}, totalHours: 0 },
    achievements: [],
    listingStatus: null,
    createdAt: now,
    updatedAt: now,
  });
  await ref.set(agent);
  return ref.id;
}

export async function agentListingStatus(agentId: string): Promise<unknown> {
  return (await admin.db().collection(Collections.agents).doc(agentId).get()).get("listingStatus");
}

/** Sets a listing's statistics as the DOF economy will: stats and the score derived from them together. */
export async function setListingStats(listingId: string, stats: Partial<ListingStats>): Promise<void> {
  const full = { rating: 0, ratingCount: 0, recentHires: 0, totalHires: 0, ...stats };
  await admin.db().collection(Collections.listings).doc(listingId).update(statsFields(full));
}

export interface ListingText {
  title?: string;
  description?: string;
  tags?: string[];
  categories?: string[];
}

export function listingBody(text: ListingText = {}) {
  return {
    title: text.title ?? "Valorant aim coach",
    description: text.description ?? "Hands-on coaching for your aim and positioning.",
    tags: text.tags ?? ["aim"],
    categories: text.categories ?? ["coaching"],
  };
}

/** Publishes over HTTP and, when the listing waits for review, has `moderator` approve it. */
export async function publishActive(
  vendor: TestUser,
  moderator: TestUser,
  agentId: string,
  text: ListingText = {},
): Promise<void> {
  const published = await call("POST", `/agents/${agentId}/publish`, {
    token: vendor.idToken,
    body: listingBody(text),
  });
  if (published.status !== 200) throw new Error(`Publishing failed: ${JSON.stringify(published.json)}`);
  if (published.json.status === "active") return;
  const approved = await call("POST", `/admin/listings/${agentId}/approve`, { token: moderator.idToken });
  if (approved.status !== 200) throw new Error(`Approving failed: ${JSON.stringify(approved.json)}`);
}

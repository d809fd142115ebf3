import { Timestamp } from "firebase-admin/firestore";
import { z } from "zod";
import { games, languages, modelsByProvider, providers, tools, voices } from "./catalogue.js";

export const Rank = z.enum(["Bronze", "Silver", "Gold", "Platinum"]);
export const AgentType = z.enum(["Assistant", "Mentor", "Specialist"]);
export const Game = z.enum(games);
export const Tool = z.enum(tools);
export const Language = z.enum(languages);
/** ISO 3166-1 alpha-2, upper case. */
export const Nationality = z.string().regex(/^[A-Z]{2}$/, "Use an ISO 3166-1 alpha-2 code, e.g. BR.");
export const SemanticVersion = z.string().regex(/^\d+\.\d+\.\d+$/);

const ModelChoice = z.strictObject({
  provider: z.enum(providers),
  model: z.string().min(1).max(60),
});
export type ModelChoice = z.infer<typeof ModelChoice>;

/** Structural rules for one model choice; cross-field rules live in validate-config.ts. */
export function modelIsOffered(choice: ModelChoice): boolean {
  return (modelsByProvider[choice.provider] as readonly string[]).includes(choice.model);
}

/** Who the agent is: shown on the marketplace card. */
export const AgentIdentity = z.strictObject({
  name: z.string().trim().min(2).max(60),
  imageUrl: z
    .url({ protocol: /^https$/ })
    .max(2048)
    .nullable()
    .default(null),
  rank: Rank,
  type: AgentType,
  bio: z.string().trim().max(1000).default(""),
});
export type AgentIdentity = z.infer<typeof AgentIdentity>;

/** How the agent thinks and talks. Every change to it is a new semantic version. */
export const AgentConfig = z.strictObject({
  primary: ModelChoice,
  /** Used when the primary provider fails; must differ from it. */
  fallback: ModelChoice.nullable().default(null),
  temperature: z.number().min(0).max(2).default(0.7),
  systemPrompt: z.string().max(8000).default(""),
  nationality: Nationality,
  languages: z.array(Language).min(1).max(5),
  voice: z.enum(voices).nullable().default(null),
  features: z
    .strictObject({
      voiceChat: z.boolean().default(false),
      commentator: z.boolean().default(false),
      memory: z.boolean().default(false),
    })
    .prefault({}),
  toolkit: z.array(z.string().min(1).max(40)).max(10).default([]),
  specialisation: z
    .strictObject({
      games: z.array(z.string().min(1).max(40)).max(5).default([]),
      focus: z.array(z.string().trim().min(2).max(40)).max(5).default([]),
      /** Trained: taught from curated material; Experience: learnt from hours in sessions. */
      method: z.enum(["Trained", "Experience"]).default("Trained"),
    })
    .prefault({}),
});
export type AgentConfig = z.infer<typeof AgentConfig>;

/**
 * Whole DOF per period. The catalogue's bounds (`priceBoundsDof`) and the consistency between periods are
 * checked by validate-config.ts, not here: so one answer names every pricing mistake alongside the
 * configuration's, and a later change of bounds does not make stored agents unreadable.
 */
export const AgentPricing = z.strictObject({
  hourlyDof: z.number().int().positive(),
  dailyDof: z.number().int().positive(),
  weeklyDof: z.number().int().positive(),
});
export type AgentPricing = z.infer<typeof AgentPricing>;

export const AgentAvailability = z.strictObject({
  status: z.enum(["available", "busy", "offline"]).default("available"),
  maxConcurrentSessions: z.number().int().min(1).max(100).default(1),
});
export type AgentAvailability = z.infer<typeof AgentAvailability>;

/** Hours per game, accrued from settled sessions; the server alone writes it. */
export const Experience = z.object({
  hoursByGame: z.record(z.string(), z.number().nonnegative()),
  totalHours: z.number().nonnegative(),
});

export const Achievement = z.object({
  id: z.string(),
  title: z.string(),
  earnedAt: z.instanceof(Timestamp),
});

/** `agents/{agentId}`. */
export const Agent = z.object({
  agentId: z.string().min(1),
  ownerUid: z.string().min(1),
  /** Who built it, when that is not the owner; they keep a creator's share of its revenue. */
  creatorUid: z.string().min(1).optional(),
  identity: AgentIdentity,
  config: AgentConfig,
  version: SemanticVersion,
  pricing: AgentPricing,
  availability: AgentAvailability,
  experience: Experience,
  achievements: z.array(Achievement),
  /** The marketplace listing's status, mirrored for the owner's list; null when never published. */
  listingStatus: z.enum(["active", "paused", "under_review", "suspended", "unpublished"]).nullable(),
  createdAt: z.instanceof(Timestamp),
  updatedAt: z.instanceof(Timestamp),
});
export type Agent = z.infer<typeof Agent>;

/** `agents/{agentId}/versions/{version}`: the configuration as it was, kept readable after changes. */
export const AgentVersion = z.object({
  version: SemanticVersion,
  config: AgentConfig,
  createdAt: z.instanceof(Timestamp),
  createdBy: z.string(),
});
export type AgentVersion = z.infer<typeof AgentVersion>;

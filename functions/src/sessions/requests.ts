import { z } from "zod";
import { IdempotencyKey } from "../ledger/commands.js";
import { HireDuration, PricedFeature, SessionConfiguration } from "./schemas.js";

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);

export const ListingParams = z.strictObject({ listingId: Id });
export const SessionParams = z.strictObject({ sessionId: Id });

export const HireBody = z.strictObject({
  duration: HireDuration,
  quantity: z.number().int().min(1).max(72).default(1),
  configuration: SessionConfiguration.prefault({}),
  idempotencyKey: IdempotencyKey,
});
export type HireBody = z.infer<typeof HireBody>;

export const StartSessionBody = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("owned"),
    agentId: Id,
    configuration: SessionConfiguration.prefault({}),
    idempotencyKey: IdempotencyKey,
  }),
  z.strictObject({
    kind: z.literal("trial"),
    listingId: Id,
    configuration: SessionConfiguration.prefault({}),
    idempotencyKey: IdempotencyKey,
  }),
]);
export type StartSessionBody = z.infer<typeof StartSessionBody>;

export const UpdateSessionBody = z.strictObject({ configuration: SessionConfiguration });

export const UsageBody = z.strictObject({
  /** The runtime's id for this report: the same id is applied once. */
  eventId: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
  activeMinutes: z.number().int().min(0).max(60),
  featureMinutes: z.partialRecord(PricedFeature, z.number().int().min(0).max(60)).default({}),
});
export type UsageBody = z.infer<typeof UsageBody>;

export const SessionListQuery = z.strictObject({
  role: z.enum(["hirer", "owner"]).default("hirer"),
  status: z.enum(["pending", "active", "ended", "settled"]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(1000).optional(),
});

import { Timestamp } from "firebase-admin/firestore";
import { z } from "zod";

const Dof = z.number().int().nonnegative();

/**
 * `settlements/{sessionId}`: how an ended session's escrow is paid out, fixed when it is written (with the
 * split rule of that moment), so the split trigger pays exactly this however often it runs.
 */
export const Settlement = z.object({
  sessionId: z.string().min(1),
  hirerUid: z.string().min(1),
  ownerUid: z.string().min(1),
  creatorUid: z.string().min(1),
  agentId: z.string().min(1),
  listingId: z.string().min(1),
  escrowDof: Dof,
  consumedDof: Dof,
  shares: z.object({ owner: Dof, creator: Dof, platform: Dof }),
  /** Unused escrow, back to the hirer. */
  releasedDof: Dof,
  rule: z.object({ owner: Dof, creator: Dof, platform: Dof }),
  hoursUsed: z.number().nonnegative(),
  game: z.string().nullable(),
  createdAt: z.instanceof(Timestamp),
});
export type Settlement = z.infer<typeof Settlement>;

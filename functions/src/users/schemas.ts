import { Timestamp } from "firebase-admin/firestore";
import { z } from "zod";

/** Whether the account is connected to JIGA right now, as of the moment its client last changed it. */
export const Presence = z.object({
  state: z.enum(["online", "offline"]),
  changedAtMs: z.number().int().nonnegative(),
});
export type Presence = z.infer<typeof Presence>;

/**
 * The public profile of an account. Private account data (email, phone) stays in Firebase Auth and never
 * enters this document, so a public view can be built from it without filtering.
 */
export const Profile = z.object({
  uid: z.string().min(1),
  displayName: z.string().max(80),
  avatarUrl: z.string().url().nullable(),
  createdAt: z.instanceof(Timestamp),
  /** Read model of the DOF wallet: balances are kept by the ledger, mirrored here for display. */
  wallet: z.object({
    balanceDof: z.number().int().nonnegative(),
    escrowDof: z.number().int().nonnegative(),
    earnedDof: z.number().int().nonnegative(),
  }),
  presence: Presence.optional(),
});
export type Profile = z.infer<typeof Profile>;

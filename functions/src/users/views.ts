import { z } from "zod";
import type { Profile } from "./schemas.js";

export const PresenceView = z.object({ state: z.enum(["online", "offline"]), since: z.string() });

/** Whether the account is online, as clients show it; null before its first connection. */
export function presenceOf(profile: Profile): z.infer<typeof PresenceView> | null {
  const presence = profile.presence;
  return presence ? { state: presence.state, since: new Date(presence.changedAtMs).toISOString() } : null;
}

import { logger } from "firebase-functions";
import { onValueWritten } from "firebase-functions/v2/database";
import { Presence } from "../users/schemas.js";
import { recordPresence } from "./record-presence.js";

/**
 * Clients keep `/presence/{uid}` in the Realtime Database (`online`, with an onDisconnect that writes
 * `offline`); this mirrors it onto the Firestore profile, where the marketplace reads it. A removed node
 * means the client went away, as of the event's time.
 */
export const onPresenceWritten = onValueWritten("/presence/{uid}", async (event) => {
  const after: unknown = event.data.after.val();
  const parsed = Presence.safeParse(after ?? { state: "offline", changedAtMs: Date.parse(event.time) });
  if (!parsed.success) {
    // A client wrote something the rules should have refused: record and move on, retrying cannot help.
    logger.warn("Ignoring malformed presence", { uid: event.params.uid, issues: parsed.error.issues });
    return;
  }
  const outcome = await recordPresence(event.params.uid, parsed.data);
  logger.info("Presence", { uid: event.params.uid, state: parsed.data.state, outcome });
});

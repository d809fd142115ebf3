import { onDocumentWritten } from "firebase-functions/v2/firestore";
import { Collections } from "../common/collections.js";

/**
 * Every change of a session: the live meter in the Realtime Database and the feed events. Retried, which
 * is safe: the meter only moves forward by version and events are keyed by their cause.
 */
export const publishSessionChanges = onDocumentWritten(
  { document: `${Collections.sessions}/{sessionId}`, retry: true },
  async (event) => {
    const [{ publishSessionChange }, { Session }] = await Promise.all([
      import("./live.js"),
      import("./schemas.js"),
    ]);
    const read = (data: unknown) => (data === undefined ? undefined : Session.parse(data));
    await publishSessionChange(read(event.data?.before.data()), read(event.data?.after.data()));
  },
);

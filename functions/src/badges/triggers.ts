import { logger } from "firebase-functions";
import { onDocumentWritten } from "firebase-functions/v2/firestore";
import { Collections } from "../common/collections.js";

/**
 * Every write of an agent document: awards the badges and achievements its experience crossed into.
 * Retried on failure (a lost transaction race), which is safe because the award is idempotent. The award
 * code loads on the first event, not when the codebase loads: every function instance loads this file.
 */
export const awardAgentBadges = onDocumentWritten(
  { document: `${Collections.agents}/{agentId}`, retry: true },
  async (event) => {
    const { awardForAgentWrite } = await import("./award.js");
    const agentId = event.params.agentId;
    const outcome = await awardForAgentWrite({
      agentId,
      before: event.data?.before.data(),
      after: event.data?.after.data(),
      occurredAt: new Date(event.time),
    });
    if (outcome.result === "malformed")
      logger.warn("Agent document without a readable owner or experience; no awards", {
        agentId,
        eventId: event.id,
      });
    else if (outcome.result === "awarded") logger.info("Awards", { agentId, eventId: event.id, ...outcome });
  },
);

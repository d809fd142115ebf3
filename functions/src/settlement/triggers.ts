import { logger } from "firebase-functions";
import { onDocumentCreated } from "firebase-functions/v2/firestore";
import { onSchedule } from "firebase-functions/v2/scheduler";
import { Collections } from "../common/collections.js";
import { revenueSplit } from "../common/params.js";

/** Every minute: ends expired sessions and records the settlement of every ended one. */
export const settleSessions = onSchedule({ schedule: "every 1 minutes", retryCount: 3 }, async () => {
  const [{ recordSettlements }, { parseSplitRule }] = await Promise.all([
    import("./record-settlements.js"),
    import("./split.js"),
  ]);
  const outcome = await recordSettlements(parseSplitRule(revenueSplit.value()));
  if (outcome.expired || outcome.recorded) logger.info("Settlement run", outcome);
});

/** Each settlement record, once written: pays it out. Retried; paying is idempotent. */
export const splitRevenue = onDocumentCreated(
  { document: `${Collections.settlements}/{sessionId}`, retry: true },
  async (event) => {
    const { paySettlement } = await import("./split-revenue.js");
    const paid = await paySettlement(event.params.sessionId);
    logger.info(paid ? "Settlement paid" : "Settlement already paid", {
      sessionId: event.params.sessionId,
      eventId: event.id,
    });
  },
);

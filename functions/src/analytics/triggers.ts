import { logger } from "firebase-functions";
import { onDocumentCreated } from "firebase-functions/v2/firestore";
import { onSchedule } from "firebase-functions/v2/scheduler";
import { profileDocumentPattern } from "../users/repo.js";
import { countSignup } from "./count-signups.js";
import { rollUpDay } from "./roll-up-day.js";

export const onProfileCreated = onDocumentCreated(profileDocumentPattern, (event) =>
  countSignup("onProfileCreated", event.id).then(() => undefined),
);

export const rollUpDailyStats = onSchedule({ schedule: "5 0 * * *", timeZone: "UTC" }, async (event) => {
  const stats = await rollUpDay(new Date(event.scheduleTime));
  logger.info("Daily statistics rolled up", {
    ...stats,
    computedAt: stats.computedAt.toDate().toISOString(),
  });
});

import { CronExpressionParser } from "cron-parser";

/** What Cloud Scheduler would be told for one scheduled function. */
export interface Schedule {
  expression: string;
  timeZone: string;
}

// Cloud Scheduler's defaults, as firebase-tools deploys them: gen-1 jobs run in Los Angeles time, gen-2 in UTC.
export function defaultTimeZone(platform: string): string {
  return platform === "gcfv1" ? "America/Los_Angeles" : "UTC";
}

const everyInterval = /^every (\d+) (minute|minutes|mins|hour|hours)$/i;
const everyDayAt = /^every day (\d{2}):(\d{2})$/i;

/**
 * Translates the App Engine "every …" forms that firebase-functions accepts into cron. Only the forms our
 * functions can meet are known; anything else is reported so it can still be fired on demand.
 */
function toCron(expression: string): string {
  const interval = everyInterval.exec(expression.trim());
  if (interval) {
    const count = Number(interval[1]);
    const unit = interval[2]?.toLowerCase().startsWith("h") ? "hours" : "minutes";
    if (count < 1) throw new Error(`Schedule "${expression}" has an empty interval`);
    return unit === "minutes" ? `*/${count} * * * *` : `0 */${count} * * *`;
  }
  const daily = everyDayAt.exec(expression.trim());
  if (daily) return `${Number(daily[2])} ${Number(daily[1])} * * *`;
  if (/^every /i.test(expression.trim()))
    throw new Error(`Schedule "${expression}" is not supported locally`);
  return expression;
}

/** The first time strictly after `after` at which the schedule fires. */
export function nextRunAfter(schedule: Schedule, after: Date): Date {
  const cron = CronExpressionParser.parse(toCron(schedule.expression), {
    currentDate: after,
    tz: schedule.timeZone,
  });
  return cron.next().toDate();
}

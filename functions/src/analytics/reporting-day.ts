const dayMs = 24 * 60 * 60 * 1000;

export interface ReportingDay {
  /** `YYYY-MM-DD` of the UTC day being reported. */
  day: string;
  start: Date;
  end: Date;
}

/**
 * The daily roll-up runs shortly after midnight UTC and reports the UTC day that has just ended. It keys on
 * the time the run was scheduled for, not the time it ran, so a late or repeated run reports the same day.
 */
export function reportingDayFor(scheduledFor: Date): ReportingDay {
  const midnight = Date.UTC(
    scheduledFor.getUTCFullYear(),
    scheduledFor.getUTCMonth(),
    scheduledFor.getUTCDate(),
  );
  const start = new Date(midnight - dayMs);
  return { day: start.toISOString().slice(0, 10), start, end: new Date(midnight) };
}

import { defaultTimeZone, type Schedule } from "./schedule.js";

/** A scheduled function as the Functions emulator lists it. */
export interface ScheduledFunction {
  name: string;
  region: string;
  /** The emulator's trigger id, `${region}-${name}`; the trigger key adds the load generation. */
  id: string;
  schedule: Schedule;
}

interface BackendTrigger {
  name?: unknown;
  id?: unknown;
  region?: unknown;
  platform?: unknown;
  schedule?: { schedule?: unknown; timeZone?: unknown };
}

function isTrigger(value: unknown): value is BackendTrigger {
  return typeof value === "object" && value !== null;
}

/**
 * Reads the scheduled functions from the Functions emulator's `/backends` listing. The emulator keeps this
 * list current across reloads, so asking again picks up added and removed functions.
 */
export async function listScheduledFunctions(functionsOrigin: string): Promise<ScheduledFunction[]> {
  const response = await fetch(`${functionsOrigin}/backends`);
  if (!response.ok) throw new Error(`Functions emulator answered ${response.status} for /backends`);
  const body = (await response.json()) as { backends?: { functionTriggers?: unknown[] }[] };
  const triggers = (body.backends ?? [])
    .flatMap((backend) => backend.functionTriggers ?? [])
    .filter(isTrigger);
  return triggers.flatMap((trigger) => {
    const expression = trigger.schedule?.schedule;
    if (
      typeof expression !== "string" ||
      typeof trigger.name !== "string" ||
      typeof trigger.id !== "string"
    ) {
      return [];
    }
    const timeZone =
      typeof trigger.schedule?.timeZone === "string"
        ? trigger.schedule.timeZone
        : defaultTimeZone(String(trigger.platform));
    return [
      {
        name: trigger.name,
        id: trigger.id,
        region: typeof trigger.region === "string" ? trigger.region : "us-central1",
        schedule: { expression, timeZone },
      },
    ];
  });
}

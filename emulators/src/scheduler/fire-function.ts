import type { ScheduledFunction } from "./jobs.js";

export type RunOutcome =
  | { status: "succeeded"; generation: number; durationMs: number }
  | { status: "failed"; generation: number; durationMs: number; error: string };

const maxGenerationsToSkip = 50;

/**
 * Runs a scheduled function once, as Cloud Scheduler would: a POST to its trigger with the job name and
 * the time it was scheduled for. The emulator answers when the function has finished.
 *
 * The emulator suffixes trigger keys with a generation that grows each time it reloads the functions, and
 * answers 204 for keys of an older generation; so on 204 the next generation is tried.
 */
export async function fireScheduledFunction(options: {
  functionsOrigin: string;
  projectId: string;
  job: ScheduledFunction;
  scheduledFor: Date;
  generation: number;
}): Promise<RunOutcome> {
  const { functionsOrigin, projectId, job, scheduledFor } = options;
  const started = performance.now();
  for (
    let generation = options.generation;
    generation < options.generation + maxGenerationsToSkip;
    generation++
  ) {
    const response = await fetch(
      `${functionsOrigin}/functions/projects/${projectId}/triggers/${job.id}-${generation}`,
      {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-CloudScheduler-JobName": `firebase-schedule-${job.name}-${job.region}`,
          "X-CloudScheduler-ScheduleTime": scheduledFor.toISOString(),
        },
        body: "{}",
      },
    );
    const text = await response.text();
    const durationMs = Math.round(performance.now() - started);
    if (response.status === 204) continue;
    if (response.ok) return { status: "succeeded", generation, durationMs };
    return { status: "failed", generation, durationMs, error: `${response.status} ${text}`.trim() };
  }
  return {
    status: "failed",
    generation: options.generation,
    durationMs: Math.round(performance.now() - started),
    error: `No enabled trigger for ${job.id}`,
  };
}

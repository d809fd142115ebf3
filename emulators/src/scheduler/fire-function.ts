import type { ScheduledFunction } from "./jobs.js";
import { postToTrigger } from "./trigger-endpoint.js";

export type RunOutcome =
  | { status: "succeeded"; generation: number; durationMs: number }
  | { status: "failed"; generation: number; durationMs: number; error: string };

/**
 * Runs a scheduled function once, as Cloud Scheduler would: a POST to its trigger with the job name and
 * the time it was scheduled for.
 */
export async function fireScheduledFunction(options: {
  functionsOrigin: string;
  projectId: string;
  job: ScheduledFunction;
  scheduledFor: Date;
  generation: number;
}): Promise<RunOutcome> {
  const { job, scheduledFor } = options;
  const started = performance.now();
  const answer = await postToTrigger({
    functionsOrigin: options.functionsOrigin,
    projectId: options.projectId,
    triggerId: job.id,
    fromGeneration: options.generation,
    headers: {
      "Content-Type": "application/json",
      "X-CloudScheduler-JobName": `firebase-schedule-${job.name}-${job.region}`,
      "X-CloudScheduler-ScheduleTime": scheduledFor.toISOString(),
    },
    body: "{}",
  });
  const durationMs = Math.round(performance.now() - started);
  if (answer.status >= 200 && answer.status < 300) {
    return { status: "succeeded", generation: answer.generation, durationMs };
  }
  const error = `${answer.status} ${answer.text}`.trim();
  return { status: "failed", generation: answer.generation, durationMs, error };
}

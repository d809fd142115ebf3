import { fireScheduledFunction, type RunOutcome } from "./fire-function.js";
import { listScheduledFunctions, type ScheduledFunction } from "./jobs.js";
import { nextRunAfter } from "./schedule.js";

export interface JobState {
  job: ScheduledFunction;
  nextRunAt: Date | null;
  problem?: string;
  lastRun?: RunOutcome & { scheduledFor: string };
}

export interface SchedulerOptions {
  functionsOrigin: string;
  projectId: string;
  /** The scheduler's notion of now; tests pass a clock they move by hand. */
  clock?: () => Date;
  log?: (line: string) => void;
  /** How often the list of functions is read again while idle (functions reload when rebuilt). */
  refreshMs?: number;
}

/**
 * Runs scheduled functions on their schedules against the Functions emulator, which never does so itself.
 * Like Cloud Scheduler it does not catch up on runs missed while it was not running.
 */
export class LocalScheduler {
  private readonly jobs = new Map<string, JobState>();
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private readonly clock: () => Date;
  private readonly log: (line: string) => void;

  constructor(private readonly options: SchedulerOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.log = options.log ?? (() => {});
  }

  list(): JobState[] {
    return [...this.jobs.values()];
  }

  /** Reads the functions again; a job keeps its next run, a new one is scheduled from now. */
  async refresh(): Promise<void> {
    const now = this.clock();
    const current = await listScheduledFunctions(this.options.functionsOrigin);
    const seen = new Set<string>();
    for (const job of current) {
      seen.add(job.name);
      const known = this.jobs.get(job.name);
      if (known && known.job.schedule.expression === job.schedule.expression) {
        known.job = job;
        continue;
      }
      this.jobs.set(job.name, this.plan(job, now));
    }
    for (const name of this.jobs.keys()) if (!seen.has(name)) this.jobs.delete(name);
  }

  private plan(job: ScheduledFunction, after: Date): JobState {
    try {
      return { job, nextRunAt: nextRunAfter(job.schedule, after) };
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      this.log(`${job.name}: ${problem}; it runs only on demand`);
      return { job, nextRunAt: null, problem };
    }
  }

  /** Fires every job whose time has come, once, and plans its next run after now. */
  async runDue(): Promise<void> {
    const now = this.clock();
    const due = this.list().filter((state) => state.nextRunAt && state.nextRunAt <= now);
    for (const state of due) {
      const scheduledFor = state.nextRunAt as Date;
      state.nextRunAt = nextRunAfter(state.job.schedule, now);
      await this.execute(state, scheduledFor);
    }
  }

  /** Fires one job now (or as if scheduled for `scheduledFor`), outside its schedule. */
  async runNow(name: string, scheduledFor = this.clock()): Promise<RunOutcome> {
    let state = this.jobs.get(name);
    if (!state) {
      await this.refresh();
      state = this.jobs.get(name);
    }
    if (!state) throw new Error(`No scheduled function named ${name}`);
    return this.execute(state, scheduledFor);
  }

  private async execute(state: JobState, scheduledFor: Date): Promise<RunOutcome> {
    const outcome = await fireScheduledFunction({
      functionsOrigin: this.options.functionsOrigin,
      projectId: this.options.projectId,
      job: state.job,
      scheduledFor,
      generation: this.generation,
    });
    this.generation = outcome.generation;
    state.lastRun = { ...outcome, scheduledFor: scheduledFor.toISOString() };
    const detail = outcome.status === "failed" ? `: ${outcome.error}` : "";
    this.log(
      `${state.job.name} ran for ${scheduledFor.toISOString()}: ${outcome.status} in ${outcome.durationMs} ms${detail}`,
    );
    return outcome;
  }

  /** Starts the timer loop: sleep until the next due run (or the next refresh), then run what is due. */
  start(): void {
    this.running = true;
    const loop = async () => {
      if (!this.running) return;
      try {
        await this.refresh();
        await this.runDue();
      } catch (error) {
        this.log(`scheduler: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (this.running) this.timer = setTimeout(loop, this.delayUntilNextWake());
    };
    void loop();
  }

  private delayUntilNextWake(): number {
    const refreshMs = this.options.refreshMs ?? 10_000;
    const now = this.clock().getTime();
    const nextRuns = this.list().flatMap((state) =>
      state.nextRunAt ? [state.nextRunAt.getTime() - now] : [],
    );
    return Math.max(0, Math.min(refreshMs, ...nextRuns));
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
  }
}

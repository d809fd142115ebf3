// What the Firestore guard counted during one phase of the economy bench: billed operations per unit of
// work, the documents written hardest, and how the sharded ledger accounts spread their writes.
import type { UsageReport } from "../../src/firestore-guard/usage-store.js";

/** The guard's usage counters of one project, over HTTP (reading them is not billed). */
export class GuardUsage {
  private readonly url: string;

  constructor(guardHost: string, projectId: string) {
    this.url = `http://${guardHost}/guard/v1/projects/${projectId}/usage`;
  }

  async reset(): Promise<void> {
    const response = await fetch(this.url, { method: "DELETE" });
    if (!response.ok) throw new Error(`Resetting the guard's counters failed: ${response.status}`);
  }

  async report(): Promise<UsageReport> {
    const response = await fetch(this.url);
    if (!response.ok) throw new Error(`Reading the guard's counters failed: ${response.status}`);
    return (await response.json()) as UsageReport;
  }

  /**
   * Waits until nothing more is billed for `quietMs` (triggers fired by the phase have finished), then
   * answers the report. Gives up waiting after `timeoutMs` and answers what there is.
   */
  async settledReport(quietMs = 2_000, timeoutMs = 30_000): Promise<UsageReport> {
    const deadline = Date.now() + timeoutMs;
    let last = await this.report();
    let quietSince = Date.now();
    while (Date.now() - quietSince < quietMs && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const next = await this.report();
      const total = (r: UsageReport) => r.reads + r.writes + r.deletes;
      if (total(next) !== total(last)) quietSince = Date.now();
      last = next;
    }
    return last;
  }
}

export interface HotDocument {
  path: string;
  writes: number;
  /** Most writes inside any one second (the guard tracks it over every write). */
  peakPerSecond: number;
  /** Most writes inside any five seconds, per second, from the write times the guard keeps. */
  sustainedPerSecond: number;
}

const sustainWindowMs = 5_000;

function busiestWindow(times: number[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** The `count` documents written hardest in one second, with their five-second rate. */
export function hottestDocuments(report: UsageReport, count: number): HotDocument[] {
  return Object.entries(report.documents)
    .map(([path, doc]) => {
      const times = doc.lastWriteTimes.map((time) => Date.parse(time)).sort((a, b) => a - b);
      return {
        path,
        writes: doc.writes + doc.deletes,
        peakPerSecond: doc.maxWritesPerSecond,
        sustainedPerSecond: busiestWindow(times, sustainWindowMs) / (sustainWindowMs / 1000),
      };
    })
    .sort(
      (a, b) =>
        b.peakPerSecond - a.peakPerSecond ||
        b.sustainedPerSecond - a.sustainedPerSecond ||
        b.writes - a.writes ||
        a.path.localeCompare(b.path),
    )
    .slice(0, count);
}

export interface ShardedAccount {
  accountId: string;
  shardsWritten: number;
  writes: number;
  /** Writes of the busiest shard. */
  maxShardWrites: number;
  /** The busiest shard's peak writes in one second. */
  maxShardPeakPerSecond: number;
}

const balancePath = /^ledgerAccounts\/([^/]+)\/balances\/([^/]+)$/;

/** Ledger accounts whose balance shards were written in this phase on more than one shard. */
export function shardedAccounts(report: UsageReport): ShardedAccount[] {
  const byAccount = new Map<string, ShardedAccount>();
  for (const [path, doc] of Object.entries(report.documents)) {
    const accountId = balancePath.exec(path)?.[1];
    if (!accountId) continue;
    const account = byAccount.get(accountId) ?? {
      accountId,
      shardsWritten: 0,
      writes: 0,
      maxShardWrites: 0,
      maxShardPeakPerSecond: 0,
    };
    account.shardsWritten += 1;
    account.writes += doc.writes;
    account.maxShardWrites = Math.max(account.maxShardWrites, doc.writes);
    account.maxShardPeakPerSecond = Math.max(account.maxShardPeakPerSecond, doc.maxWritesPerSecond);
    byAccount.set(accountId, account);
  }
  return [...byAccount.values()]
    .filter((account) => account.shardsWritten > 1)
    .sort((a, b) => b.writes - a.writes || a.accountId.localeCompare(b.accountId));
}

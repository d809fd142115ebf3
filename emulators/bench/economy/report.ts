// The economy bench's tables: one line per phase, then each phase's hottest documents and sharded accounts.
import type { UsageReport } from "../../src/firestore-guard/usage-store.js";
import { hottestDocuments, shardedAccounts } from "./guard-usage.js";

export interface PhaseResult {
  name: string;
  /** What one unit of work is: "hire", "settlement", … */
  unit: string;
  units: number;
  /** From the first request until the last unit was done (triggers included where the phase waits for them). */
  seconds: number;
  /** Client-side latencies of the phase's requests, when it makes one per unit. */
  latenciesMs?: number[];
  usage: UsageReport;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;

const cell = (value: string | number, width: number) => String(value).padStart(width);

export function printPhases(phases: PhaseResult[]): void {
  console.log(
    `\n${"phase".padEnd(22)}${cell("units", 6)}${cell("s", 7)}${cell("units/s", 9)}${cell("p50 ms", 8)}${cell("p99 ms", 8)}` +
      `${cell("reads/unit", 12)}${cell("writes/unit", 13)}${cell("deletes/unit", 14)}`,
  );
  for (const phase of phases) {
    const sorted = [...(phase.latenciesMs ?? [])].sort((a, b) => a - b);
    const per = (count: number) => (count / phase.units).toFixed(2);
    console.log(
      `${`${phase.name} (per ${phase.unit})`.padEnd(22)}${cell(phase.units, 6)}${cell(phase.seconds.toFixed(1), 7)}` +
        `${cell((phase.units / phase.seconds).toFixed(1), 9)}` +
        `${cell(sorted.length ? percentile(sorted, 0.5).toFixed(0) : "-", 8)}` +
        `${cell(sorted.length ? percentile(sorted, 0.99).toFixed(0) : "-", 8)}` +
        `${cell(per(phase.usage.reads), 12)}${cell(per(phase.usage.writes), 13)}${cell(per(phase.usage.deletes), 14)}`,
    );
  }
}

export function printMethods(phase: PhaseResult): void {
  const methods = Object.entries(phase.usage.byMethod)
    .filter(([, usage]) => usage.reads + usage.writes + usage.deletes > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([method, usage]) => {
      const parts = [
        usage.reads ? `${usage.reads} reads` : "",
        usage.writes ? `${usage.writes} writes` : "",
        usage.deletes ? `${usage.deletes} deletes` : "",
      ].filter(Boolean);
      return `${method} ${usage.calls} calls: ${parts.join(", ")}`;
    });
  console.log(`  by method: ${methods.join("; ")}`);
}

/** Writes per collection (first path segment, and the last collection of subcollection paths). */
export function printCollections(phase: PhaseResult): void {
  const byCollection = new Map<string, number>();
  for (const [path, doc] of Object.entries(phase.usage.documents)) {
    const segments = path.split("/");
    const name =
      segments.length > 2 ? `${segments[0]}/*/${segments[segments.length - 2]}` : (segments[0] as string);
    byCollection.set(name, (byCollection.get(name) ?? 0) + doc.writes + doc.deletes);
  }
  const parts = [...byCollection.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([name, writes]) => `${name} ${(writes / phase.units).toFixed(2)}`);
  console.log(`  writes per ${phase.unit} by collection: ${parts.join(", ")}`);
}

export function printHotDocuments(phase: PhaseResult, label: (path: string) => string): void {
  const hot = hottestDocuments(phase.usage, 5);
  console.log(`  hottest documents (peak writes in 1 s; busiest 5 s as writes/s):`);
  for (const doc of hot) {
    const flag = doc.sustainedPerSecond > 1 ? "  > 1/s sustained" : "";
    console.log(
      `    ${label(doc.path).padEnd(58)}${cell(doc.writes, 5)} writes  peak ${cell(doc.peakPerSecond, 3)}/s` +
        `  5 s avg ${doc.sustainedPerSecond.toFixed(1)}/s${flag}`,
    );
  }
  const sustained = Object.keys(phase.usage.documents).length
    ? hottestDocuments(phase.usage, Number.MAX_SAFE_INTEGER).filter((doc) => doc.sustainedPerSecond > 1)
    : [];
  console.log(
    sustained.length
      ? `  ${sustained.length} document(s) above 1 write/s over 5 s: ${sustained
          .slice(0, 8)
          .map((doc) => label(doc.path))
          .join(", ")}${sustained.length > 8 ? ", …" : ""}`
      : "  no document above 1 write/s over 5 s",
  );
  const sharded = shardedAccounts(phase.usage);
  if (sharded.length === 0) return;
  console.log("  sharded ledger accounts (balance shards written):");
  for (const account of sharded) {
    console.log(
      `    ${label(account.accountId).padEnd(32)} ${cell(account.writes, 4)} writes over ${cell(account.shardsWritten, 2)} shards;` +
        ` busiest shard ${account.maxShardWrites} writes, peak ${account.maxShardPeakPerSecond}/s`,
    );
  }
}

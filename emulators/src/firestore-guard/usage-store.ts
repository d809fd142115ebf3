// Per-project tallies of billed operations, plus per-document write history to find hot documents
// (Firestore sustains about one write per second per document:
// https://firebase.google.com/docs/firestore/best-practices#hotspots).
import type { WriteKind } from "./billing.js";

/** How many recent write times are kept per document; bounds memory under write-heavy tests. */
export const MAX_WRITE_TIMES_PER_DOCUMENT = 50;
const HOTTEST_LIST_LENGTH = 10;

export interface MethodUsage {
  calls: number;
  reads: number;
  writes: number;
  deletes: number;
}

export interface DocumentUsage {
  writes: number;
  deletes: number;
  /** ISO times of the most recent writes and deletes, oldest first (at most MAX_WRITE_TIMES_PER_DOCUMENT). */
  lastWriteTimes: string[];
  /** The most writes seen inside any one-second window. */
  maxWritesPerSecond: number;
}

export interface UsageReport {
  projectId: string;
  since: string;
  reads: number;
  writes: number;
  deletes: number;
  /** Keyed by gRPC method name, e.g. "RunQuery", "Commit", "Listen". */
  byMethod: Record<string, MethodUsage>;
  /** Keyed by document path relative to the database, e.g. "listings/abc". */
  documents: Record<string, DocumentUsage>;
  hottestDocuments: Array<{ path: string; writes: number; maxWritesPerSecond: number }>;
}

interface DocumentTally {
  writes: number;
  deletes: number;
  times: number[];
  maxWritesPerSecond: number;
}

interface ProjectTally {
  since: number;
  byMethod: Map<string, MethodUsage>;
  documents: Map<string, DocumentTally>;
}

export class UsageStore {
  private readonly projects = new Map<string, ProjectTally>();
  private readonly pending = new Set<Promise<unknown>>();

  private project(projectId: string): ProjectTally {
    let tally = this.projects.get(projectId);
    if (!tally) {
      tally = { since: Date.now(), byMethod: new Map(), documents: new Map() };
      this.projects.set(projectId, tally);
    }
    return tally;
  }

  private method(projectId: string, method: string): MethodUsage {
    const byMethod = this.project(projectId).byMethod;
    let usage = byMethod.get(method);
    if (!usage) {
      usage = { calls: 0, reads: 0, writes: 0, deletes: 0 };
      byMethod.set(method, usage);
    }
    return usage;
  }

  recordCall(projectId: string, method: string, reads: number): void {
    const usage = this.method(projectId, method);
    usage.calls += 1;
    usage.reads += reads;
  }

  /** Reads that belong to an already-counted call (listen updates, deferred aggregation counts). */
  addReads(projectId: string, method: string, reads: number): void {
    this.method(projectId, method).reads += reads;
  }

  recordWrites(
    projectId: string,
    method: string,
    writes: Array<{ path: string; kind: WriteKind }>,
    at = Date.now(),
  ): void {
    const usage = this.method(projectId, method);
    usage.calls += 1;
    const documents = this.project(projectId).documents;
    for (const { path, kind } of writes) {
      if (kind === "delete") usage.deletes += 1;
      else usage.writes += 1;
      let doc = documents.get(path);
      if (!doc) {
        doc = { writes: 0, deletes: 0, times: [], maxWritesPerSecond: 0 };
        documents.set(path, doc);
      }
      if (kind === "delete") doc.deletes += 1;
      else doc.writes += 1;
      doc.times.push(at);
      if (doc.times.length > MAX_WRITE_TIMES_PER_DOCUMENT) doc.times.shift();
      const inLastSecond = doc.times.filter((t) => t > at - 1000).length;
      doc.maxWritesPerSecond = Math.max(doc.maxWritesPerSecond, inLastSecond);
    }
  }

  /** Counting that finishes after the call (e.g. a side count for sum/avg); snapshots wait for it. */
  track(work: Promise<unknown>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  async report(projectId: string): Promise<UsageReport> {
    await this.settled();
    const tally = this.projects.get(projectId);
    const byMethod: Record<string, MethodUsage> = {};
    const documents: Record<string, DocumentUsage> = {};
    let reads = 0;
    let writes = 0;
    let deletes = 0;
    for (const [method, usage] of tally?.byMethod ?? []) {
      byMethod[method] = { ...usage };
      reads += usage.reads;
      writes += usage.writes;
      deletes += usage.deletes;
    }
    for (const [path, doc] of tally?.documents ?? []) {
      documents[path] = {
        writes: doc.writes,
        deletes: doc.deletes,
        lastWriteTimes: doc.times.map((t) => new Date(t).toISOString()),
        maxWritesPerSecond: doc.maxWritesPerSecond,
      };
    }
    const hottestDocuments = Object.entries(documents)
      .map(([path, doc]) => ({
        path,
        writes: doc.writes + doc.deletes,
        maxWritesPerSecond: doc.maxWritesPerSecond,
      }))
      .sort(
        (a, b) =>
          b.maxWritesPerSecond - a.maxWritesPerSecond || b.writes - a.writes || a.path.localeCompare(b.path),
      )
      .slice(0, HOTTEST_LIST_LENGTH);
    return {
      projectId,
      since: new Date(tally?.since ?? Date.now()).toISOString(),
      reads,
      writes,
      deletes,
      byMethod,
      documents,
      hottestDocuments,
    };
  }

  async reset(projectId?: string): Promise<void> {
    await this.settled();
    if (projectId === undefined) this.projects.clear();
    else this.projects.delete(projectId);
  }

  projectIds(): string[] {
    return [...this.projects.keys()];
  }
}

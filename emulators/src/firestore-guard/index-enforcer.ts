// Applies the index planner to incoming queries according to the guard's mode, and keeps the loaded
// firestore.indexes.json current: the file is re-read whenever its size or modification time changes,
// checked on each query (a stat costs microseconds) so an edit applies to the very next query.
import { statSync } from "node:fs";
import type { IndexConfig } from "./index-config.js";
import { loadIndexConfig } from "./index-config.js";
import { missingIndexJson, missingIndexMessage, planQuery } from "./index-planner.js";
import type { Plain } from "./protos.js";
import { queryShapeOf } from "./query-shape.js";

export type GuardMode = "enforce" | "warn" | "off";
export const GUARD_MODES: readonly GuardMode[] = ["enforce", "warn", "off"];

export type IndexVerdict = { allowed: true } | { allowed: false; message: string };

export interface EnforcerStatus {
  mode: GuardMode;
  indexesFile: string;
  indexesLoadedAt: string;
  compositeIndexes: number;
  fieldOverrides: number;
  /** Set when the latest edit of the file could not be loaded; the previous version stays in force. */
  indexesError: string | null;
  rejections: number;
  warnings: number;
  /** Distinct index messages seen since start (rejected or warned). */
  missingIndexes: string[];
  /** Declared composite indexes (as their JSON entry) that no query since start could have used. */
  unusedIndexes: string[];
}

const entryOf = (index: IndexConfig["indexes"][number]) => missingIndexJson({ kind: "composite", index });

export class IndexEnforcer {
  private config: IndexConfig;
  private fileVersion: string;
  private loadedAt = new Date();
  private loadError: string | null = null;
  private rejections = 0;
  private warnings = 0;
  private readonly missing = new Set<string>();
  private readonly used = new Set<string>();

  constructor(
    readonly indexesFile: string,
    readonly mode: GuardMode,
    private readonly log: (line: string) => void = (line) => console.warn(line),
  ) {
    this.fileVersion = this.statVersion();
    this.config = loadIndexConfig(indexesFile); // fail fast on a broken file at start
  }

  private statVersion(): string {
    // Runs before every query check, so it stays cheap: no BigInt stats, no exception for a missing file.
    const stat = statSync(this.indexesFile, { throwIfNoEntry: false });
    return stat ? `${stat.size}:${stat.mtimeMs}:${stat.ino}` : "missing";
  }

  private refresh(): void {
    const version = this.statVersion();
    if (version === this.fileVersion) return;
    this.fileVersion = version;
    try {
      this.config = loadIndexConfig(this.indexesFile);
      this.loadedAt = new Date();
      this.loadError = null;
      this.log(`firestore-guard: reloaded ${this.indexesFile}`);
    } catch (error) {
      this.loadError = (error as Error).message;
      this.log(
        `firestore-guard: keeping previous indexes, cannot load ${this.indexesFile}: ${this.loadError}`,
      );
    }
  }

  /** Checks a StructuredQuery (plain decoded object) against the deployed indexes. */
  check(structuredQuery: Plain | undefined): IndexVerdict {
    if (this.mode === "off" || !structuredQuery) return { allowed: true };
    this.refresh();
    const shape = queryShapeOf(structuredQuery);
    if (!shape) return { allowed: true };
    const plan = planQuery(this.config, shape);
    for (const index of plan.usable) this.used.add(entryOf(index));
    if (plan.served) return { allowed: true };
    const message = missingIndexMessage(plan.missing);
    if (this.mode === "warn") {
      this.warnings += 1;
      if (!this.missing.has(message)) this.log(`firestore-guard (warn): ${message}`);
      this.missing.add(message);
      return { allowed: true };
    }
    this.rejections += 1;
    this.missing.add(message);
    return { allowed: false, message };
  }

  status(): EnforcerStatus {
    this.refresh();
    return {
      mode: this.mode,
      indexesFile: this.indexesFile,
      indexesLoadedAt: this.loadedAt.toISOString(),
      compositeIndexes: this.config.indexes.length,
      fieldOverrides: this.config.fieldOverrides.length,
      indexesError: this.loadError,
      rejections: this.rejections,
      warnings: this.warnings,
      missingIndexes: [...this.missing],
      unusedIndexes: this.config.indexes.map(entryOf).filter((entry) => !this.used.has(entry)),
    };
  }
}

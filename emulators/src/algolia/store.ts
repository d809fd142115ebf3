/**
 * The application's indexes in memory. A write is applied at once and returns a task that is already
 * "published", so `waitForTask` returns on its first poll. Replicas (standard or `virtual(…)`) are
 * created by the primary's `replicas` setting and read the primary's records with their own settings;
 * they cannot be written to directly.
 */
import { randomUUID } from "node:crypto";
import { AlgoliaError } from "./http.js";
import { type IndexSettings, type SearchRecord, validateSettings } from "./settings.js";

export interface IndexState {
  name: string;
  records: Map<string, SearchRecord>;
  settings: IndexSettings;
  createdAt: string;
  updatedAt: string;
  /** Set on replicas: the index whose records they show. */
  primary?: string;
  virtual: boolean;
}

const now = () => new Date().toISOString();

export class AlgoliaStore {
  private readonly indexes = new Map<string, IndexState>();
  private lastTaskId = 0;

  /** A new task id; every task is published the moment it exists. */
  task(): number {
    this.lastTaskId += 1;
    return this.lastTaskId;
  }

  taskExists(taskId: number): boolean {
    return Number.isInteger(taskId) && taskId > 0 && taskId <= this.lastTaskId;
  }

  find(name: string): IndexState | undefined {
    return this.indexes.get(name);
  }

  /** An index to read from, or Algolia's 404. */
  existing(name: string): IndexState {
    const index = this.indexes.get(name);
    if (!index) throw new AlgoliaError(404, "Index does not exist");
    return index;
  }

  list(): IndexState[] {
    return [...this.indexes.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The records an index shows: its own, or its primary's for a replica. */
  recordsOf(index: IndexState): Map<string, SearchRecord> {
    const primary = index.primary ? this.indexes.get(index.primary) : undefined;
    return primary ? primary.records : index.records;
  }

  /** The settings a search on this index uses: a virtual replica shares its primary's, with its own on top. */
  effectiveSettings(index: IndexState): IndexSettings {
    const primary = index.virtual && index.primary ? this.indexes.get(index.primary) : undefined;
    return primary ? { ...primary.settings, ...index.settings } : index.settings;
  }

  /** The index to write records to, created on first write like at Algolia. */
  writable(name: string): IndexState {
    const index = this.indexes.get(name) ?? this.create(name);
    if (index.primary) throw new AlgoliaError(400, `Cannot write records to replica index ${name}`);
    index.updatedAt = now();
    return index;
  }

  private create(name: string, primary?: string, virtual = false): IndexState {
    if (!name || name.length > 512) throw new AlgoliaError(400, "Invalid index name");
    const at = now();
    const index: IndexState = {
      name,
      records: new Map(),
      settings: {},
      createdAt: at,
      updatedAt: at,
      primary,
      virtual,
    };
    this.indexes.set(name, index);
    return index;
  }

  saveRecord(index: IndexState, body: Record<string, unknown>, objectID?: string): SearchRecord {
    const id = objectID ?? (typeof body.objectID === "string" ? body.objectID : undefined) ?? randomUUID();
    if (typeof id !== "string" || id === "")
      throw new AlgoliaError(400, "objectID must be a non-empty string");
    const record = { ...structuredClone(body), objectID: id } as SearchRecord;
    index.records.set(id, record);
    return record;
  }

  /** Applies settings; `replicas` creates, links and unlinks replica indexes. */
  setSettings(name: string, settings: Record<string, unknown>, forwardToReplicas: boolean): void {
    validateSettings(settings);
    const index = this.indexes.get(name) ?? this.create(name);
    if (settings.replicas !== undefined && index.primary) {
      throw new AlgoliaError(400, "A replica index cannot have replicas");
    }
    const { replicas, ...shared } = settings;
    Object.assign(index.settings, structuredClone(settings));
    index.updatedAt = now();
    if (replicas !== undefined) this.linkReplicas(index, (replicas as string[] | null) ?? []);
    if (forwardToReplicas) {
      for (const replica of this.replicasOf(index)) Object.assign(replica.settings, structuredClone(shared));
    }
  }

  replicasOf(index: IndexState): IndexState[] {
    return [...this.indexes.values()].filter((candidate) => candidate.primary === index.name);
  }

  private linkReplicas(primary: IndexState, entries: string[]): void {
    const wanted = new Map(
      entries.map((entry) => {
        const virtual = /^virtual\((.+)\)$/.exec(entry);
        return [virtual ? (virtual[1] as string) : entry, Boolean(virtual)] as const;
      }),
    );
    for (const replica of this.replicasOf(primary)) {
      if (!wanted.has(replica.name)) this.detach(replica, primary);
    }
    for (const [name, virtual] of wanted) {
      if (name === primary.name) throw new AlgoliaError(400, "An index cannot be its own replica");
      const existing = this.indexes.get(name);
      if (existing?.primary && existing.primary !== primary.name) {
        throw new AlgoliaError(400, `Index ${name} is already a replica of ${existing.primary}`);
      }
      if (existing && !existing.primary && existing.records.size > 0) {
        throw new AlgoliaError(400, `Index ${name} has records and cannot become a replica`);
      }
      // A new replica starts from its primary's settings; from then on they are its own.
      const { replicas: _, ...inherited } = primary.settings;
      const replica = existing ?? this.create(name, primary.name, virtual);
      if (!existing) replica.settings = virtual ? {} : structuredClone(inherited);
      replica.primary = primary.name;
      replica.virtual = virtual;
    }
  }

  /** An unlinked replica (or one whose primary is deleted) keeps a copy of the records it showed. */
  private detach(replica: IndexState, primary: IndexState): void {
    replica.records = new Map([...primary.records].map(([id, record]) => [id, structuredClone(record)]));
    replica.primary = undefined;
    replica.virtual = false;
  }

  deleteIndex(name: string): void {
    const index = this.indexes.get(name);
    if (!index) return;
    if (index.primary) {
      throw new AlgoliaError(400, `Unlink replica ${name} from ${index.primary} before deleting it`);
    }
    for (const replica of this.replicasOf(index)) this.detach(replica, index);
    this.indexes.delete(name);
  }

  clear(name: string): void {
    const index = this.writable(name);
    index.records.clear();
  }
}

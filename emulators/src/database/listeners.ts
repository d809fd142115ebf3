/**
 * Who listens where, and the fan-out of a committed write to them.
 *
 * Listeners are grouped by (path, query): a group computes and serializes each update once and
 * hands the same string to all of its subscribers, so one write to a path watched by a
 * thousand clients costs one JSON.stringify, not a thousand.
 */
import { pathToString } from "./path.js";
import { applyQuery, type QuerySpec } from "./query.js";
import { getChild, type Json, type MaybeNode, nodeToExportJson } from "./tree.js";

/** A data push: `d` overwrites the value at `path`, `m` merges children into it. */
export class OutgoingUpdate {
  private json: string | undefined;
  private untaggedFrame: string | undefined;

  constructor(
    readonly action: "d" | "m",
    readonly path: readonly string[],
    private readonly data: () => Json,
  ) {}

  get dataJson(): string {
    this.json ??= JSON.stringify(this.data());
    return this.json;
  }

  /** The wire-protocol frame, shared by every untagged subscriber. */
  wireFrame(tag: number | undefined): string {
    const head = `{"t":"d","d":{"a":"${this.action}","b":{"p":${JSON.stringify(pathToString(this.path))},"d":${this.dataJson}`;
    if (tag !== undefined) return `${head},"t":${tag}}}}`;
    this.untaggedFrame ??= `${head}}}}`;
    return this.untaggedFrame;
  }
}

export interface ListenSink {
  deliver(update: OutgoingUpdate, tag: number | undefined, group: ListenGroup): void;
}

export class ListenGroup {
  readonly subscribers = new Map<ListenSink, number | undefined>();
  /** For queries: the last window pushed, to skip writes that do not change it. */
  lastWindowJson: string | undefined;

  constructor(
    readonly path: readonly string[],
    readonly queryKey: string,
    readonly query: QuerySpec | undefined,
  ) {}

  /** What a new subscriber must receive first: the current value (or query window). */
  snapshot(root: MaybeNode): OutgoingUpdate {
    const node = getChild(root, this.path);
    const view = this.query ? applyQuery(node, this.query) : node;
    const update = new OutgoingUpdate("d", this.path, () => nodeToExportJson(view));
    if (this.query) this.lastWindowJson = update.dataJson;
    return update;
  }
}

interface TrieNode {
  children: Map<string, TrieNode>;
  groups: Map<string, ListenGroup>;
}

function newTrieNode(): TrieNode {
  return { children: new Map(), groups: new Map() };
}

export interface CommittedChange {
  /** Where the write was addressed. */
  base: readonly string[];
  /** Child paths (relative to base) of a merge; undefined for a set. */
  mergeKeys?: readonly (readonly string[])[];
}

export class ListenerRegistry {
  private readonly root = newTrieNode();

  private trieNode(path: readonly string[], create: boolean): TrieNode | undefined {
    let node = this.root;
    for (const key of path) {
      let next = node.children.get(key);
      if (!next) {
        if (!create) return undefined;
        next = newTrieNode();
        node.children.set(key, next);
      }
      node = next;
    }
    return node;
  }

  add(
    path: readonly string[],
    queryKey: string,
    query: QuerySpec | undefined,
    sink: ListenSink,
    tag: number | undefined,
  ): ListenGroup {
    const node = this.trieNode(path, true) as TrieNode;
    let group = node.groups.get(queryKey);
    if (!group) {
      group = new ListenGroup(path, queryKey, query);
      node.groups.set(queryKey, group);
    }
    group.subscribers.set(sink, tag);
    return group;
  }

  remove(path: readonly string[], queryKey: string, sink: ListenSink): void {
    const trail: TrieNode[] = [this.root];
    for (const key of path) {
      const next = trail[trail.length - 1]?.children.get(key);
      if (!next) return;
      trail.push(next);
    }
    const node = trail[trail.length - 1] as TrieNode;
    const group = node.groups.get(queryKey);
    if (!group) return;
    group.subscribers.delete(sink);
    if (group.subscribers.size > 0) return;
    node.groups.delete(queryKey);
    // Prune trie nodes nobody listens at or below, so short-lived paths do not accumulate.
    for (let depth = path.length; depth > 0; depth--) {
      const current = trail[depth] as TrieNode;
      if (current.groups.size > 0 || current.children.size > 0) break;
      trail[depth - 1]?.children.delete(path[depth - 1] as string);
    }
  }

  /** Pushes a committed change to every listener whose view it may have changed. */
  notify(change: CommittedChange, newRoot: MaybeNode): void {
    const { base } = change;
    const atOrAbove: ListenGroup[] = [];
    let node: TrieNode | undefined = this.root;
    for (let depth = 0; node; depth++) {
      atOrAbove.push(...node.groups.values());
      node = depth < base.length ? node.children.get(base[depth] as string) : undefined;
    }
    const baseUpdate = change.mergeKeys
      ? new OutgoingUpdate("m", base, () => {
          const out: { [key: string]: Json } = {};
          for (const key of change.mergeKeys ?? []) {
            out[key.join("/")] = nodeToExportJson(getChild(newRoot, [...base, ...key]));
          }
          return out;
        })
      : new OutgoingUpdate("d", base, () => nodeToExportJson(getChild(newRoot, base)));
    for (const group of atOrAbove) this.push(group, group.query ? undefined : baseUpdate, newRoot);
    for (const group of this.groupsBelow(change)) this.push(group, undefined, newRoot);
  }

  /** Groups strictly below the base that the change touches. */
  private groupsBelow(change: CommittedChange): Set<ListenGroup> {
    const found = new Set<ListenGroup>();
    const baseNode = this.trieNode(change.base, false);
    if (!baseNode) return found;
    const collectAll = (node: TrieNode) => {
      for (const group of node.groups.values()) found.add(group);
      for (const child of node.children.values()) collectAll(child);
    };
    if (!change.mergeKeys) {
      for (const child of baseNode.children.values()) collectAll(child);
      return found;
    }
    for (const key of change.mergeKeys) {
      let node: TrieNode | undefined = baseNode;
      for (let depth = 0; node && depth < key.length; depth++) {
        node = node.children.get(key[depth] as string);
        if (node && depth < key.length - 1) for (const group of node.groups.values()) found.add(group);
      }
      if (node) collectAll(node);
    }
    return found;
  }

  private push(group: ListenGroup, shared: OutgoingUpdate | undefined, newRoot: MaybeNode): void {
    let update = shared;
    if (!update) {
      const previousWindow = group.lastWindowJson;
      update = group.snapshot(newRoot);
      if (group.query && update.dataJson === previousWindow) return;
    }
    for (const [sink, tag] of group.subscribers) sink.deliver(update, tag, group);
  }
}

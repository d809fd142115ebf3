/**
 * Fires database triggers at the Functions emulator: one event per registered trigger per
 * matching path a write changed, after the write is acknowledged, in order per path, no retries.
 * v2 functions get a structured CloudEvent, v1 functions the legacy background-event JSON.
 */
import { randomUUID } from "node:crypto";
import { request } from "node:http";
import type { Principal } from "./auth.js";
import type { CommittedWrite } from "./namespace.js";
import { isPrefix } from "./path.js";
import { getChild, type Json, type MaybeNode, nodesEqual, nodeToJson } from "./tree.js";
import {
  type ChangeKind,
  matchingPaths,
  namespaceMatches,
  parseRegistration,
  type TriggerRegistration,
} from "./trigger-registry.js";

export interface FunctionsEmulatorAddress {
  host: string;
  port: number;
}

/** A merge patch turning `before` into `after` (removed keys become null), as `delta` carries. */
export function mergePatch(before: MaybeNode, after: MaybeNode): Json {
  if (after === null) return null;
  if (before?.kind !== "branch" || after.kind !== "branch") return nodeToJson(after);
  const out: { [key: string]: Json } = {};
  for (const [key, child] of after.children) {
    const previous = before.children.get(key) ?? null;
    out[key] = previous ? mergePatch(previous, child) : nodeToJson(child);
  }
  for (const key of before.children.keys()) if (!after.children.has(key)) out[key] = null;
  return out;
}

/** The delta for the trigger at `path`: the part of the write that landed at or below it. */
export function deltaAt(path: readonly string[], write: CommittedWrite): Json {
  const { before, after } = write;
  if (write.entries.some((entry) => isPrefix(entry.path, path))) {
    return mergePatch(getChild(before, path), getChild(after, path));
  }
  const out: { [key: string]: Json } = {};
  for (const entry of write.entries) {
    if (!isPrefix(path, entry.path)) continue;
    let cursor = out;
    const relative = entry.path.slice(path.length);
    relative.slice(0, -1).forEach((key) => {
      const next = cursor[key];
      cursor[key] = next && typeof next === "object" && !Array.isArray(next) ? next : {};
      cursor = cursor[key] as { [key: string]: Json };
    });
    cursor[relative[relative.length - 1] as string] = mergePatch(
      getChild(before, entry.path),
      getChild(after, entry.path),
    );
  }
  return out;
}

function changeKind(before: MaybeNode, after: MaybeNode): Exclude<ChangeKind, "write"> {
  if (before === null) return "create";
  return after === null ? "delete" : "update";
}

function v2Auth(principal: Principal): Record<string, string> {
  if (principal.kind === "admin") return { authtype: "admin" };
  if (principal.kind === "user") return { authtype: "app_user", authid: principal.auth.uid };
  return { authtype: "unauthenticated" };
}

function v1Auth(principal: Principal): Record<string, unknown> {
  if (principal.kind === "admin") return { admin: true };
  if (principal.kind === "user")
    return {
      admin: false,
      variable: { uid: principal.auth.uid, provider: principal.auth.provider, token: principal.auth.token },
    };
  return { admin: false };
}

export class TriggerDispatcher {
  private readonly registrations = new Map<string, TriggerRegistration>();
  private readonly queues = new Map<string, Promise<void>>();
  private warnedNoTarget = false;

  constructor(
    private readonly functionsEmulator: () => FunctionsEmulatorAddress | undefined,
    private readonly log: (message: string) => void,
  ) {}

  register(body: unknown, namespaceParam: string | null): TriggerRegistration {
    const registration = parseRegistration(body, namespaceParam);
    this.registrations.set(registration.functionKey, registration);
    this.log(`Registered ${registration.flavor} trigger ${registration.triggerKey} on ${registration.path}`);
    return registration;
  }

  /** Called after every committed write (except imports with disableTriggers). */
  onCommit(write: CommittedWrite): void {
    for (const registration of this.registrations.values()) {
      if (!namespaceMatches(registration.namespacePattern, write.namespace)) continue;
      const seen = new Set<string>();
      for (const entry of write.entries) {
        for (const match of matchingPaths(registration.pattern, entry.path, write.before, write.after)) {
          const key = match.path.join("/");
          if (seen.has(key)) continue;
          seen.add(key);
          const before = getChild(write.before, match.path);
          const after = getChild(write.after, match.path);
          if (nodesEqual(before, after)) continue;
          if (registration.change !== "write" && registration.change !== changeKind(before, after)) continue;
          const event = this.eventBody(registration, write, match.path, match.params, before);
          this.enqueue(`${write.namespace}/${key}`, registration, event);
        }
      }
    }
  }

  private eventBody(
    registration: TriggerRegistration,
    write: CommittedWrite,
    path: string[],
    params: Record<string, string>,
    before: MaybeNode,
  ): unknown {
    const data = { data: nodeToJson(before), delta: deltaAt(path, write) };
    const ref = path.join("/");
    const id = randomUUID();
    const time = new Date().toISOString();
    if (registration.flavor === "v1") {
      const resource = `projects/_/instances/${write.namespace}/refs/${ref}`;
      return {
        eventId: id,
        timestamp: time,
        eventType: registration.eventType,
        resource,
        data,
        auth: v1Auth(write.principal),
        params,
      };
    }
    return {
      specversion: "1.0",
      id,
      time,
      type: registration.eventType,
      source: `//firebasedatabase.googleapis.com/projects/_/locations/us-central1/instances/${write.namespace}`,
      instance: write.namespace,
      ref,
      firebasedatabasehost: "firebaseio.com",
      location: "us-central1",
      ...v2Auth(write.principal),
      data,
    };
  }

  private enqueue(queueKey: string, registration: TriggerRegistration, event: unknown): void {
    const previous = this.queues.get(queueKey) ?? Promise.resolve();
    const next = previous.then(() => this.fire(registration, event));
    this.queues.set(queueKey, next);
    void next.finally(() => {
      if (this.queues.get(queueKey) === next) this.queues.delete(queueKey);
    });
  }

  /** Resolves when every queued event has been answered (for tests and orderly shutdown). */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.all(this.queues.values());
  }

  private fire(registration: TriggerRegistration, event: unknown): Promise<void> {
    const target = this.functionsEmulator();
    if (!target) {
      if (!this.warnedNoTarget)
        this.log("Database triggers are registered but no Functions emulator address is set");
      this.warnedNoTarget = true;
      return Promise.resolve();
    }
    const body = JSON.stringify(event);
    const path = `/functions/projects/${registration.projectId}/triggers/${registration.triggerKey}`;
    const contentType = registration.flavor === "v2" ? "application/cloudevents+json" : "application/json";
    return new Promise((resolve) => {
      const req = request(
        {
          host: target.host,
          port: target.port,
          method: "POST",
          path,
          headers: { "Content-Type": contentType, "Content-Length": Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => {
            const status = res.statusCode ?? 0;
            if (status >= 300)
              this.log(
                `Trigger ${registration.triggerKey} answered ${status}: ${Buffer.concat(chunks).toString("utf8").slice(0, 500)}`,
              );
            resolve();
          });
        },
      );
      req.on("error", (error) => {
        this.log(`Trigger ${registration.triggerKey} could not be delivered: ${error.message}`);
        resolve();
      });
      req.end(body);
    });
  }
}

// What every inspected call needs: the guard's shared state and helpers to attribute a call to a project.
import type { CallContext, CallInterceptor, RequestVerdict } from "./call-interceptor.js";
import type { IndexEnforcer } from "./index-enforcer.js";
import type { Plain } from "./protos.js";
import type { SideCounter } from "./side-count.js";
import type { UsageStore } from "./usage-store.js";
import { scanTopLevelFields } from "./wire-scan.js";

export const FAILED_PRECONDITION = 9;
export const FORWARD: RequestVerdict = { action: "forward" };

export interface GuardContext {
  enforcer: IndexEnforcer;
  usage: UsageStore;
  sideCounter: SideCounter;
}

/** "projects/p/databases/d/documents/a/b" → { projectId: "p", documentPath: "a/b" } */
export function parseResourceName(name: string): { projectId: string; documentPath: string } | undefined {
  const match = /^projects\/([^/]+)\/databases\/[^/]+(?:\/documents\/?(.*))?$/.exec(name);
  return match ? { projectId: match[1] as string, documentPath: match[2] ?? "" } : undefined;
}

export function projectOf(path: unknown, call: CallContext): string {
  const fromMessage = typeof path === "string" ? parseResourceName(path)?.projectId : undefined;
  return (
    fromMessage ??
    (call.resourcePrefix ? parseResourceName(call.resourcePrefix)?.projectId : undefined) ??
    "unknown"
  );
}

export function countFields(message: Buffer, field: number): number {
  return scanTopLevelFields(message).filter((f) => f.field === field).length;
}

/**
 * An interceptor that reads the responses; the callbacks keep the call's tally in their closure.
 * `vetoesRequests`: inspectRequest may reject (index checks), so requests wait for its verdict.
 */
export function billedCall(
  inspectRequest: (request: Buffer) => RequestVerdict,
  onResponse: (response: Buffer) => void,
  onEnd: (status: number | null) => void,
  vetoesRequests = false,
): CallInterceptor {
  return { inspectsResponses: true, vetoesRequests, onRequest: inspectRequest, onResponse, onEnd };
}

export function indexVerdict(ctx: GuardContext, structuredQuery: unknown): RequestVerdict {
  const verdict = ctx.enforcer.check(structuredQuery as Plain | undefined);
  return verdict.allowed
    ? FORWARD
    : { action: "reject", code: FAILED_PRECONDITION, message: verdict.message };
}

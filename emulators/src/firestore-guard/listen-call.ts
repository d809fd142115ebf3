// The Listen stream (onSnapshot): query targets are checked against the indexes like RunQuery, and
// documents sent to the client are billed as listener reads. A target production would reject is not
// forwarded; the client gets what production sends instead — a TargetChange REMOVE carrying the
// FAILED_PRECONDITION cause — so the SDK reports the error to that listener and the stream stays up.
import { listenReads } from "./billing.js";
import type { GuardContext } from "./call-context.js";
import { FAILED_PRECONDITION, projectOf } from "./call-context.js";
import type { CallContext, CallInterceptor, RequestVerdict } from "./call-interceptor.js";
import { encodeGrpcFrame } from "./grpc-frames.js";
import type { Plain } from "./protos.js";
import { decodePlain, encodePlain, messages } from "./protos.js";

interface TargetState {
  documentsSent: number;
  current: boolean;
  /** Documents the client holds for this target: name → update time. */
  known: Map<string, string>;
  /** What the client held before a RESET, until the target is CURRENT again. */
  beforeReset: Map<string, string> | undefined;
}

function versionOf(document: Plain | undefined): { name: string; version: string } {
  const time = (document?.updateTime ?? {}) as Plain;
  return { name: String(document?.name ?? ""), version: `${time.seconds ?? 0}.${time.nanos ?? 0}` };
}

function targetIdsOf(value: unknown): number[] {
  return Array.isArray(value) ? value.map(Number) : [];
}

function rejectionFrame(targetId: number, message: string): Buffer {
  const response = encodePlain(messages.ListenResponse, {
    targetChange: {
      targetChangeType: "REMOVE",
      targetIds: [targetId],
      cause: { code: FAILED_PRECONDITION, message },
    },
  });
  return encodeGrpcFrame(response);
}

export function listenInterceptor(ctx: GuardContext, call: CallContext): CallInterceptor {
  let project = projectOf(undefined, call);
  const targets = new Map<number, TargetState>();
  let opened = false;

  const bill = (reads: number): void => {
    if (reads <= 0) return;
    if (!opened) {
      opened = true;
      ctx.usage.recordCall(project, "Listen", reads);
    } else ctx.usage.addReads(project, "Listen", reads);
  };

  const onRequest = (request: Buffer): RequestVerdict => {
    const decoded = decodePlain(messages.ListenRequest, request);
    if (typeof decoded.database === "string") project = projectOf(decoded.database, call);
    const removeTarget = decoded.removeTarget;
    if (removeTarget !== undefined) targets.delete(Number(removeTarget));
    const addTarget = decoded.addTarget as Plain | undefined;
    if (!addTarget) return { action: "forward" };
    const targetId = Number(addTarget.targetId ?? 0);
    const query = addTarget.query as Plain | undefined;
    const verdict = ctx.enforcer.check(query?.structuredQuery as Plain | undefined);
    if (!verdict.allowed) return { action: "drop", respond: [rejectionFrame(targetId, verdict.message)] };
    targets.set(targetId, { documentsSent: 0, current: false, known: new Map(), beforeReset: undefined });
    return { action: "forward" };
  };

  const onResponse = (response: Buffer): void => {
    const decoded = decodePlain(messages.ListenResponse, response);
    const change = decoded.documentChange as Plain | undefined;
    if (change) {
      const { name, version } = versionOf(change.document as Plain | undefined);
      let reads = 0;
      for (const id of targetIdsOf(change.targetIds)) {
        const target = targets.get(id);
        if (!target) continue;
        target.documentsSent += 1;
        target.known.set(name, version);
        // The emulator answers any change with RESET and the whole result again; production sends
        // only what changed, so re-sent documents the client already has at this version are free.
        if (target.beforeReset?.get(name) !== version) reads += listenReads.documentChange;
      }
      bill(reads);
      return;
    }
    const removed = decoded.documentRemove as Plain | undefined;
    if (removed) {
      forget(removed.document, removed.removedTargetIds);
      bill(targetIdsOf(removed.removedTargetIds).length * listenReads.documentRemove);
      return;
    }
    const deleted = decoded.documentDelete as Plain | undefined;
    if (deleted) {
      forget(deleted.document, deleted.removedTargetIds);
      return;
    }
    const targetChange = decoded.targetChange as Plain | undefined;
    if (!targetChange) return;
    const ids = targetIdsOf(targetChange.targetIds);
    const affected = ids.length > 0 ? ids : [...targets.keys()];
    if (targetChange.targetChangeType === "RESET") {
      for (const id of affected) {
        const target = targets.get(id);
        if (!target) continue;
        target.beforeReset = target.known;
        target.known = new Map();
      }
    }
    if (targetChange.targetChangeType === "CURRENT") {
      for (const id of affected) {
        const target = targets.get(id);
        if (!target) continue;
        target.beforeReset = undefined;
        if (target.current) continue;
        target.current = true;
        if (target.documentsSent === 0) bill(listenReads.emptyInitialSnapshot);
      }
    }
  };

  const forget = (document: unknown, targetIds: unknown): void => {
    for (const id of targetIdsOf(targetIds)) targets.get(id)?.known.delete(String(document));
  };

  return { inspectsResponses: true, vetoesRequests: true, onRequest, onResponse, onEnd: () => {} };
}

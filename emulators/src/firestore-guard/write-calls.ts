// Billing of the write methods: Commit (batches and transactions), BatchWrite, the client SDKs' Write
// stream, and the single-document Create/Update/DeleteDocument. Only writes that happened are billed.
import type { WriteKind } from "./billing.js";
import { writeKindOf } from "./billing.js";
import type { GuardContext } from "./call-context.js";
import { billedCall, countFields, FORWARD, parseResourceName, projectOf } from "./call-context.js";
import type { CallContext, CallInterceptor } from "./call-interceptor.js";
import type { Plain } from "./protos.js";
import { decodePlain, messages } from "./protos.js";
import { scanTopLevelFields } from "./wire-scan.js";

interface PendingWrite {
  path: string;
  kind: WriteKind;
}

const utf8 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("utf8");

/**
 * The database and the target and kind of every Write in a Commit/BatchWrite/Write request, read off
 * the wire: a batch of large documents is not decoded just to learn which documents it touches.
 * Write: update = 1 (Document, name = 1), delete = 2 (name), transform = 6 (DocumentTransform, document = 1).
 */
export function writesOnWire(
  request: Uint8Array,
  writesField: number,
): { database?: string; writes: PendingWrite[] } {
  let database: string | undefined;
  const writes: PendingWrite[] = [];
  for (const field of scanTopLevelFields(request)) {
    if (!field.bytes) continue;
    if (field.field === 1) database = utf8(field.bytes);
    if (field.field !== writesField) continue;
    let name: string | undefined;
    const parts = { update: false, delete: false, transform: false };
    for (const part of scanTopLevelFields(field.bytes)) {
      if (!part.bytes) continue;
      if (part.field === 2) {
        parts.delete = true;
        name = utf8(part.bytes);
      } else if (part.field === 1 || part.field === 6) {
        if (part.field === 1) parts.update = true;
        else parts.transform = true;
        const inner = scanTopLevelFields(part.bytes).find((f) => f.field === 1)?.bytes;
        if (inner) name ??= utf8(inner);
      }
    }
    const kind = writeKindOf(parts);
    const parsed = name === undefined ? undefined : parseResourceName(name);
    if (kind && parsed) writes.push({ path: parsed.documentPath, kind });
  }
  return { database, writes };
}

// Field numbers of `writes` in each request message.
const COMMIT_WRITES = 2;
const BATCH_WRITE_WRITES = 2;
const WRITE_STREAM_WRITES = 3;

export function commit(ctx: GuardContext, call: CallContext): CallInterceptor {
  let project = "unknown";
  let writes: PendingWrite[] = [];
  return {
    inspectsResponses: false,
    vetoesRequests: false,
    onRequest: (request) => {
      const decoded = writesOnWire(request, COMMIT_WRITES);
      project = projectOf(decoded.database, call);
      writes = decoded.writes;
      return FORWARD;
    },
    onResponse: () => {},
    onEnd: (status) => {
      if (status === 0) ctx.usage.recordWrites(project, "Commit", writes);
    },
  };
}

export function batchWrite(ctx: GuardContext, call: CallContext): CallInterceptor {
  let project = "unknown";
  let writes: PendingWrite[] = [];
  let applied: PendingWrite[] = [];
  return billedCall(
    (request) => {
      const decoded = writesOnWire(request, BATCH_WRITE_WRITES);
      project = projectOf(decoded.database, call);
      writes = decoded.writes;
      return FORWARD;
    },
    (response) => {
      const statuses = (decodePlain(messages.BatchWriteResponse, response).status ?? []) as Plain[];
      // BatchWrite is not atomic: only the writes whose own status is OK happened.
      applied = writes.filter((_, i) => !statuses[i]?.code);
    },
    (status) => {
      if (status === 0) ctx.usage.recordWrites(project, "BatchWrite", applied);
    },
  );
}

/** The Write stream (client SDKs): each WriteRequest with writes is acknowledged, in order, by one WriteResponse. */
export function writeStream(ctx: GuardContext, call: CallContext): CallInterceptor {
  let project = "unknown";
  const unacknowledged: PendingWrite[][] = [];
  return billedCall(
    (request) => {
      const decoded = writesOnWire(request, WRITE_STREAM_WRITES);
      if (decoded.database) project = projectOf(decoded.database, call);
      // Every request carrying writes gets its own acknowledgement, even one whose names we cannot read.
      if (countFields(request, WRITE_STREAM_WRITES) > 0) unacknowledged.push(decoded.writes);
      return FORWARD;
    },
    (response) => {
      if (countFields(response, 3) === 0) return; // WriteResponse.write_results: absent on the handshake
      const batch = unacknowledged.shift();
      if (batch) ctx.usage.recordWrites(project, "Write", batch);
    },
    () => {},
  );
}

export function singleDocumentWrite(ctx: GuardContext, call: CallContext, method: string): CallInterceptor {
  let project = "unknown";
  let write: PendingWrite | undefined;
  return {
    inspectsResponses: false,
    vetoesRequests: false,
    onRequest: (request) => {
      const decoded = decodePlain(messages[`${method}Request` as "CreateDocumentRequest"], request);
      const document = decoded.document as Plain | undefined;
      const name =
        method === "DeleteDocument"
          ? decoded.name
          : method === "CreateDocument"
            ? `${decoded.parent}/${decoded.collectionId}/${decoded.documentId ?? ""}`
            : document?.name;
      const parsed = typeof name === "string" ? parseResourceName(name) : undefined;
      project = parsed?.projectId ?? projectOf(undefined, call);
      write = parsed
        ? { path: parsed.documentPath, kind: method === "DeleteDocument" ? "delete" : "write" }
        : undefined;
      return FORWARD;
    },
    onResponse: () => {},
    onEnd: (status) => {
      if (status === 0 && write) ctx.usage.recordWrites(project, method, [write]);
    },
  };
}

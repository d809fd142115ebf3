// Billing (and, for queries, index checks) of the read methods: RunQuery, RunAggregationQuery,
// BatchGetDocuments, GetDocument, ListDocuments, ListCollectionIds.
import { aggregationReads, documentLookupReads, queryReads } from "./billing.js";
import type { GuardContext } from "./call-context.js";
import { billedCall, FAILED_PRECONDITION, FORWARD, indexVerdict, projectOf } from "./call-context.js";
import type { CallContext, CallInterceptor } from "./call-interceptor.js";
import type { Plain } from "./protos.js";
import { decodePlain, messages } from "./protos.js";
import { scanTopLevelFields } from "./wire-scan.js";

export function runQuery(ctx: GuardContext, call: CallContext): CallInterceptor {
  let project = "unknown";
  let parent = "";
  let structuredQuery: Plain | undefined;
  let documents = 0;
  let skipped = 0;
  let billed = false;
  const bill = (ok: boolean): void => {
    if (billed) return;
    billed = true;
    const offset = Number(structuredQuery?.offset ?? 0);
    if (skipped > 0 || offset === 0 || !structuredQuery) {
      ctx.usage.recordCall(project, "RunQuery", ok ? queryReads(documents, skipped) : documents + skipped);
      return;
    }
    // The emulator does not report skipped_results. When documents came back the whole offset was
    // skipped; when none did, ask how many the offset consumed.
    if (documents > 0) {
      ctx.usage.recordCall(project, "RunQuery", queryReads(documents, offset));
      return;
    }
    ctx.usage.recordCall(project, "RunQuery", 0);
    const { offset: _offset, limit: _limit, ...unbounded } = structuredQuery;
    ctx.usage.track(
      ctx.sideCounter
        .count(parent, unbounded)
        .then((matched) => ctx.usage.addReads(project, "RunQuery", queryReads(0, Math.min(matched, offset))))
        .catch(() => ctx.usage.addReads(project, "RunQuery", queryReads(0, 0))),
    );
  };
  return billedCall(
    (request) => {
      const decoded = decodePlain(messages.RunQueryRequest, request);
      parent = String(decoded.parent ?? "");
      project = projectOf(parent, call);
      structuredQuery = decoded.structuredQuery as Plain | undefined;
      return indexVerdict(ctx, structuredQuery);
    },
    (response) => {
      let done = false;
      for (const field of scanTopLevelFields(response)) {
        if (field.field === 1) documents += 1; // RunQueryResponse.document
        if (field.field === 4) skipped += field.varint ?? 0; // RunQueryResponse.skipped_results
        if (field.field === 6 && field.varint) done = true; // RunQueryResponse.done
      }
      // The SDK may cancel the stream as soon as it sees `done`: bill before the message reaches it.
      if (done) bill(true);
    },
    (status) => {
      if (status === FAILED_PRECONDITION && documents === 0) return; // rejected: nothing ran
      bill(status === 0);
    },
    true,
  );
}

export function runAggregationQuery(ctx: GuardContext, call: CallContext): CallInterceptor {
  let project = "unknown";
  let parent = "";
  let structuredQuery: Plain | undefined;
  let countAlias: string | undefined;
  let billed = false;
  return billedCall(
    (request) => {
      const decoded = decodePlain(messages.RunAggregationQueryRequest, request);
      parent = String(decoded.parent ?? "");
      project = projectOf(parent, call);
      const aggregation = (decoded.structuredAggregationQuery ?? {}) as Plain;
      structuredQuery = aggregation.structuredQuery as Plain | undefined;
      const aggregations = (aggregation.aggregations ?? []) as Plain[];
      countAlias = aggregations.find((a) => a.count !== undefined)?.alias as string | undefined;
      return indexVerdict(ctx, structuredQuery);
    },
    (response) => {
      if (billed || !structuredQuery) return;
      billed = true;
      const decoded = decodePlain(messages.RunAggregationQueryResponse, response);
      const fields = (decoded.result as Plain | undefined)?.aggregateFields as Plain | undefined;
      const value = countAlias === undefined ? undefined : (fields?.[countAlias] as Plain | undefined);
      if (value?.integerValue !== undefined) {
        ctx.usage.recordCall(project, "RunAggregationQuery", aggregationReads(Number(value.integerValue)));
        return;
      }
      // sum()/avg() only: count the matches on the side; usage reports wait for it.
      ctx.usage.recordCall(project, "RunAggregationQuery", 0);
      ctx.usage.track(
        ctx.sideCounter
          .count(parent, structuredQuery)
          .then((n) => ctx.usage.addReads(project, "RunAggregationQuery", aggregationReads(n)))
          .catch(() => ctx.usage.addReads(project, "RunAggregationQuery", aggregationReads(0))),
      );
    },
    () => {},
    true,
  );
}

export function batchGet(ctx: GuardContext, call: CallContext): CallInterceptor {
  let project = "unknown";
  let found = 0;
  let missing = 0;
  return billedCall(
    (request) => {
      project = projectOf(resourceNameField(request), call); // field 1 is `database`
      return FORWARD;
    },
    (response) => {
      for (const field of scanTopLevelFields(response)) {
        if (field.field === 1) found += 1; // BatchGetDocumentsResponse.found
        if (field.field === 2) missing += 1; // BatchGetDocumentsResponse.missing
      }
    },
    () => ctx.usage.recordCall(project, "BatchGetDocuments", documentLookupReads(found, missing)),
  );
}

/** Unary reads billed by a fixed rule, e.g. GetDocument (1 read, found or not), ListCollectionIds. */
export function simpleRead(
  ctx: GuardContext,
  call: CallContext,
  method: string,
  reads: (responses: Buffer[]) => number,
): CallInterceptor {
  let project = "unknown";
  const responses: Buffer[] = [];
  return billedCall(
    (request) => {
      const fields = resourceNameField(request);
      project = projectOf(fields, call);
      return FORWARD;
    },
    (response) => responses.push(response),
    (status) => {
      if (status === 0 || status === 5 /* NOT_FOUND: the lookup still happened */) {
        ctx.usage.recordCall(project, method, reads(responses));
      }
    },
  );
}

/** Field 1 of the Get/List/BatchGet requests: the resource name (`name`, `parent` or `database`). */
function resourceNameField(request: Buffer): string | undefined {
  const bytes = scanTopLevelFields(request).find((f) => f.field === 1)?.bytes;
  return bytes ? Buffer.from(bytes).toString("utf8") : undefined;
}

// Which Firestore gRPC methods the guard inspects: index checks on queries (RunQuery,
// RunAggregationQuery, Listen query targets) and billing of every document operation. Methods not
// listed here are relayed without decoding anything.

import { LIST_COLLECTION_IDS_READS, queryReads } from "./billing.js";
import type { GuardContext } from "./call-context.js";
import { countFields } from "./call-context.js";
import type { InterceptorFactory } from "./call-interceptor.js";
import { SERVICE_PREFIX } from "./call-interceptor.js";
import { listenInterceptor } from "./listen-call.js";
import { batchGet, runAggregationQuery, runQuery, simpleRead } from "./read-calls.js";
import { batchWrite, commit, singleDocumentWrite, writeStream } from "./write-calls.js";

export type { GuardContext } from "./call-context.js";

export function firestoreInterceptors(ctx: GuardContext): InterceptorFactory {
  return (call) => {
    if (!call.path.startsWith(SERVICE_PREFIX)) return undefined;
    const method = call.path.slice(SERVICE_PREFIX.length);
    switch (method) {
      case "RunQuery":
        return runQuery(ctx, call);
      case "RunAggregationQuery":
        return runAggregationQuery(ctx, call);
      case "Listen":
        return listenInterceptor(ctx, call);
      case "BatchGetDocuments":
        return batchGet(ctx, call);
      case "GetDocument":
        return simpleRead(ctx, call, method, () => 1);
      case "ListDocuments":
        return simpleRead(ctx, call, method, (responses) =>
          queryReads(
            responses.reduce((n, r) => n + countFields(r, 1), 0),
            0,
          ),
        );
      case "ListCollectionIds":
        return simpleRead(ctx, call, method, () => LIST_COLLECTION_IDS_READS);
      case "Commit":
        return commit(ctx, call);
      case "BatchWrite":
        return batchWrite(ctx, call);
      case "Write":
        return writeStream(ctx, call);
      case "CreateDocument":
      case "UpdateDocument":
      case "DeleteDocument":
        return singleDocumentWrite(ctx, call, method);
      default:
        return undefined;
    }
  };
}

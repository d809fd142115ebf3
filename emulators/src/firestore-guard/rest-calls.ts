// Which Firestore REST calls (https://firebase.google.com/docs/firestore/reference/rest) the guard
// inspects, and how each maps onto the gRPC method with the same request and response messages:
// the REST request's JSON body plus the resource names in its URL make the gRPC request, its JSON
// answer the gRPC responses. Everything else on /v1 (beginTransaction, rollback, …) is piped.
import type protobuf from "protobufjs";
import type { Plain } from "./protos.js";
import { messageType } from "./protos.js";

export interface RestCall {
  /** The gRPC method, e.g. "RunQuery". */
  method: string;
  /** The database, projects/{p}/databases/{d}. */
  database: string;
  /** The gRPC request (proto3 JSON) made of the REST body. */
  request(body: unknown): Plain;
  requestType: protobuf.Type;
  responseType: protobuf.Type;
}

const DOCUMENTS_URL = /^\/v1\/(projects\/[^/]+\/databases\/[^/]+)\/documents(\/[^:]*)?(?::([A-Za-z]+))?$/;

function call(method: string, database: string, response: string, request: (body: Plain) => Plain): RestCall {
  return {
    method,
    database,
    request: (body) => request(typeof body === "object" && body !== null ? (body as Plain) : {}),
    requestType: messageType(`${method}Request`),
    responseType: messageType(response),
  };
}

/** The inspected call a REST request is, or undefined for anything to pipe through untouched. */
export function restCallOf(httpMethod: string, url: string): RestCall | undefined {
  const [path = "", query = ""] = url.split("?", 2);
  const match = DOCUMENTS_URL.exec(path);
  if (!match) return undefined;
  const database = decodeURIComponent(match[1] as string);
  const segments = (match[2] ?? "").split("/").filter(Boolean).map(decodeURIComponent);
  const verb = match[3];
  const documents = [`${database}/documents`, ...segments].join("/");
  if (verb !== undefined) {
    if (httpMethod !== "POST") return undefined;
    switch (verb) {
      case "runQuery":
        return call("RunQuery", database, "RunQueryResponse", (b) => ({ ...b, parent: documents }));
      case "runAggregationQuery":
        return call("RunAggregationQuery", database, "RunAggregationQueryResponse", (b) => ({
          ...b,
          parent: documents,
        }));
      case "listCollectionIds":
        return call("ListCollectionIds", database, "ListCollectionIdsResponse", (b) => ({
          ...b,
          parent: documents,
        }));
      case "batchGet":
        return call("BatchGetDocuments", database, "BatchGetDocumentsResponse", (b) => ({ ...b, database }));
      case "commit":
        return call("Commit", database, "CommitResponse", (b) => ({ ...b, database }));
      case "batchWrite":
        return call("BatchWrite", database, "BatchWriteResponse", (b) => ({ ...b, database }));
      default:
        return undefined;
    }
  }
  // A document path has an even number of segments, a collection path an odd one.
  const isDocument = segments.length > 0 && segments.length % 2 === 0;
  const isCollection = segments.length % 2 === 1;
  const parent = [`${database}/documents`, ...segments.slice(0, -1)].join("/");
  const collectionId = segments.at(-1) ?? "";
  if (httpMethod === "GET" && isDocument)
    return call("GetDocument", database, "Document", () => ({ name: documents }));
  if (httpMethod === "GET" && isCollection)
    return call("ListDocuments", database, "ListDocumentsResponse", () => ({ parent, collectionId }));
  if (httpMethod === "POST" && isCollection) {
    const documentId = new URLSearchParams(query).get("documentId") ?? undefined;
    return call("CreateDocument", database, "Document", (b) => ({
      parent,
      collectionId,
      documentId,
      document: b,
    }));
  }
  if (httpMethod === "PATCH" && isDocument)
    return call("UpdateDocument", database, "Document", (b) => ({ document: { ...b, name: documents } }));
  if (httpMethod === "DELETE" && isDocument)
    return call("DeleteDocument", database, "google.protobuf.Empty", () => ({ name: documents }));
  return undefined;
}

// google.rpc.Code (https://github.com/googleapis/googleapis/blob/master/google/rpc/code.proto), by the
// names Google's JSON error bodies carry in `status`.
const RPC_CODES = [
  "OK",
  "CANCELLED",
  "UNKNOWN",
  "INVALID_ARGUMENT",
  "DEADLINE_EXCEEDED",
  "NOT_FOUND",
  "ALREADY_EXISTS",
  "PERMISSION_DENIED",
  "RESOURCE_EXHAUSTED",
  "FAILED_PRECONDITION",
  "ABORTED",
  "OUT_OF_RANGE",
  "UNIMPLEMENTED",
  "INTERNAL",
  "UNAVAILABLE",
  "DATA_LOSS",
  "UNAUTHENTICATED",
] as const;

/** The gRPC status of a REST answer: OK for 2xx, else the `status` of its JSON error body. */
export function grpcCodeOfRestAnswer(httpStatus: number, body: unknown): number {
  if (httpStatus >= 200 && httpStatus < 300) return 0;
  const error = ((Array.isArray(body) ? body[0] : body) as Plain | undefined)?.error as Plain | undefined;
  const code = RPC_CODES.indexOf(String(error?.status) as (typeof RPC_CODES)[number]);
  return code > 0 ? code : 2; // UNKNOWN
}

/**
 * The body of a rejected REST call, as production's REST API answers a query that needs a missing index:
 * HTTP 400 with Google's JSON error ({ error: { code, message, status } },
 * https://cloud.google.com/apis/design/errors#http_mapping). For the streamed methods (runQuery,
 * runAggregationQuery) production wraps it in the JSON array those methods answer: the Firebase JS SDK
 * unwraps it for that reason (firebase/firebase-js-sdk#6712, "error object is wrapped inside an array").
 */
export function restRejection(
  method: string,
  grpcCode: number,
  message: string,
): { status: number; body: string } {
  const error = { error: { code: 400, message, status: RPC_CODES[grpcCode] ?? "UNKNOWN" } };
  const streamed = method === "RunQuery" || method === "RunAggregationQuery";
  return { status: 400, body: JSON.stringify(streamed ? [error] : error) };
}

// Loads the google.firestore.v1 protobuf schema that ships with @google-cloud/firestore, so the guard
// decodes exactly what the SDKs encode. Only the messages the guard inspects are exposed.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import protobuf from "protobufjs";

const require = createRequire(import.meta.url);
const schemaPath = require.resolve("@google-cloud/firestore/build/protos/v1.json");
const root = protobuf.Root.fromJSON(JSON.parse(readFileSync(schemaPath, "utf8")) as protobuf.INamespace);
root.resolveAll();

const type = (name: string): protobuf.Type => root.lookupType(`google.firestore.v1.${name}`);

/**
 * Any message of the schema by name: "BatchGetDocumentsRequest" (google.firestore.v1) or a full name
 * such as "google.protobuf.Empty". The REST and WebChannel side maps its JSON onto these.
 */
export const messageType = (name: string): protobuf.Type =>
  name.includes(".") ? root.lookupType(name) : type(name);

export const messages = {
  RunQueryRequest: type("RunQueryRequest"),
  CreateDocumentRequest: type("CreateDocumentRequest"),
  UpdateDocumentRequest: type("UpdateDocumentRequest"),
  DeleteDocumentRequest: type("DeleteDocumentRequest"),
  RunAggregationQueryRequest: type("RunAggregationQueryRequest"),
  RunAggregationQueryResponse: type("RunAggregationQueryResponse"),
  ListenRequest: type("ListenRequest"),
  ListenResponse: type("ListenResponse"),
  CommitRequest: type("CommitRequest"),
  WriteResponse: type("WriteResponse"),
  BatchWriteResponse: type("BatchWriteResponse"),
};

/** Plain-object view of a decoded message: enums as names, 64-bit integers as numbers. */
export type Plain = Record<string, unknown>;

export function decodePlain(messageType: protobuf.Type, bytes: Uint8Array): Plain {
  const decoded = messageType.decode(bytes);
  return messageType.toObject(decoded, { enums: String, longs: Number, bytes: String }) as Plain;
}

export function encodePlain(messageType: protobuf.Type, value: Plain): Uint8Array {
  return messageType.encode(messageType.fromObject(value)).finish();
}

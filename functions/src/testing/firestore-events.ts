import { randomUUID } from "node:crypto";
import { Timestamp } from "firebase-admin/firestore";
import { stack } from "./stack.js";

/** A value in Firestore's REST JSON encoding, the form CloudEvents carry documents in. */
export function restValue(value: unknown): Record<string, unknown> {
  if (value === null || value === undefined) return { nullValue: null };
  if (value instanceof Timestamp) return { timestampValue: value.toDate().toISOString() };
  if (typeof value === "string") return { stringValue: value };
  if (typeof value === "boolean") return { booleanValue: value };
  if (typeof value === "number")
    return Number.isInteger(value) ? { integerValue: String(value) } : { doubleValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(restValue) } };
  return { mapValue: { fields: restFields(value as Record<string, unknown>) } };
}

export function restFields(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, restValue(value)]));
}

/**
 * A Firestore "document written" CloudEvent in structured JSON form; `before` or `after` undefined is a
 * create or a delete. Deliver it with deliverEvent, as often as at-least-once delivery might.
 */
export function firestoreWrittenEvent(options: {
  document: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  id?: string;
}) {
  const time = new Date().toISOString();
  const name = `projects/${stack.projectId}/databases/(default)/documents/${options.document}`;
  const snapshot = (data: Record<string, unknown> | undefined) =>
    data && { name, fields: restFields(data), createTime: time, updateTime: time };
  return {
    specversion: "1.0",
    id: options.id ?? randomUUID(),
    type: "google.cloud.firestore.document.v1.written",
    source: `//firestore.googleapis.com/projects/${stack.projectId}/databases/(default)`,
    subject: `documents/${options.document}`,
    time,
    datacontenttype: "application/json",
    project: stack.projectId,
    database: "(default)",
    namespace: "(default)",
    document: options.document,
    data: { oldValue: snapshot(options.before), value: snapshot(options.after) },
  };
}

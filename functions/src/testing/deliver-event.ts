import { postToTrigger } from "../../../emulators/src/scheduler/trigger-endpoint.js";
import { stack } from "./stack.js";

const region = "us-central1";

/**
 * Delivers an event to a background function the way the database emulators do, and waits until the
 * function has finished. Tests use it to deliver the same event again, as at-least-once delivery may.
 */
export async function deliverEvent(
  functionName: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<void> {
  const answer = await postToTrigger({
    functionsOrigin: stack.functionsUrl,
    projectId: stack.projectId,
    triggerId: `${region}-${functionName}`,
    fromGeneration: 0,
    headers,
    body: JSON.stringify(body),
  });
  if (answer.status < 200 || answer.status >= 300) {
    throw new Error(`Delivering to ${functionName} failed: ${answer.status} ${answer.text}`);
  }
}

/** A Firestore "document created" CloudEvent in structured JSON form, with its document as REST JSON. */
export function firestoreCreatedEvent(options: {
  id: string;
  document: string;
  fields: Record<string, unknown>;
}) {
  const time = new Date().toISOString();
  const name = `projects/${stack.projectId}/databases/(default)/documents/${options.document}`;
  return {
    specversion: "1.0",
    id: options.id,
    type: "google.cloud.firestore.document.v1.created",
    source: `//firestore.googleapis.com/projects/${stack.projectId}/databases/(default)`,
    subject: `documents/${options.document}`,
    time,
    datacontenttype: "application/json",
    project: stack.projectId,
    database: "(default)",
    namespace: "(default)",
    document: options.document,
    data: { value: { name, fields: options.fields, createTime: time, updateTime: time } },
  };
}

/** A Realtime Database "value written" CloudEvent as the database emulator sends it. */
export function databaseWrittenEvent(options: { id: string; ref: string; before: unknown; after: unknown }) {
  const instance = new URL(stack.databaseUrl).searchParams.get("ns");
  return {
    specversion: "1.0",
    id: options.id,
    type: "google.firebase.database.ref.v1.written",
    source: `//firebasedatabase.googleapis.com/projects/_/locations/us-central1/instances/${instance}`,
    time: new Date().toISOString(),
    instance,
    ref: options.ref,
    firebasedatabasehost: "firebaseio.com",
    location: "us-central1",
    authtype: "admin",
    data: { data: options.before, delta: options.after },
  };
}

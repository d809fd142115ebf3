import { stack } from "./stack.js";

const region = "us-central1";

/**
 * Delivers an event to a background function the way the database emulators do: a POST to the Functions
 * emulator's trigger endpoint, answered when the function has finished. Tests use it to deliver the same
 * event again, as production's at-least-once delivery may.
 *
 * Trigger keys carry a load generation that grows when functions reload; older ones answer 204.
 */
export async function deliverEvent(
  functionName: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<void> {
  for (let generation = 0; generation < 20; generation++) {
    const key = `${region}-${functionName}-${generation}`;
    const response = await fetch(
      `${stack.functionsUrl}/functions/projects/${stack.projectId}/triggers/${key}`,
      {
        method: "POST",
        headers,
        body: JSON.stringify(body),
      },
    );
    const text = await response.text();
    if (response.status === 204) continue;
    if (!response.ok) throw new Error(`Delivering to ${key} failed: ${response.status} ${text}`);
    return;
  }
  throw new Error(`No enabled trigger for ${functionName}`);
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

import type { DocumentData, FirestoreDataConverter, QueryDocumentSnapshot } from "firebase-admin/firestore";
import type { z } from "zod";

/**
 * A Firestore converter that validates with a zod schema both ways, so repositories hand out domain types
 * and a malformed document is caught where it is read, not three calls later.
 */
export function converterFor<Schema extends z.ZodType<DocumentData>>(
  schema: Schema,
): FirestoreDataConverter<z.infer<Schema>> {
  return {
    toFirestore: (value) => schema.parse(value),
    fromFirestore: (snapshot: QueryDocumentSnapshot) => schema.parse(snapshot.data()),
  };
}

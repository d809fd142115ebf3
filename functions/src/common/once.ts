import { type DocumentReference, FieldValue, type Transaction } from "firebase-admin/firestore";
import { Collections } from "./collections.js";
import { db } from "./firebase.js";

/**
 * Triggers run at least once. An effect that only touches Firestore is made exactly-once by recording its
 * event key in the same transaction as the effect: a redelivery finds the key and does nothing.
 *
 * The key is `${functionName}:${eventId}` because two functions reacting to one write share an event id.
 * Returns whether the effect ran now.
 */
export async function applyOnce(
  functionName: string,
  eventId: string,
  effect: (transaction: Transaction) => Promise<void> | void,
): Promise<boolean> {
  const marker: DocumentReference = db()
    .collection(Collections.processedEvents)
    .doc(`${functionName}:${eventId}`);
  return db().runTransaction(async (transaction) => {
    if ((await transaction.get(marker)).exists) return false;
    await effect(transaction);
    transaction.create(marker, { functionName, eventId, processedAt: FieldValue.serverTimestamp() });
    return true;
  });
}

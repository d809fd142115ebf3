/**
 * After a full test run, asks the stack's Firestore guard which composite indexes of firestore.indexes.json
 * no query could have used. Every query is enforced, so nothing needed is missing; this proves the other
 * half, that the file holds nothing that is not needed (each entry costs storage and write latency).
 * Returns the unused entries; empty when the guard is not in front of Firestore.
 */
export async function unusedIndexes(firestoreHost: string): Promise<string[]> {
  const response = await fetch(`http://${firestoreHost}/guard/v1/status`);
  if (!response.ok) return [];
  const status = (await response.json()) as { unusedIndexes?: string[] };
  return status.unusedIndexes ?? [];
}

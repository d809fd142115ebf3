import { publishEvents } from "../../events/feed.js";
import { transactionRef } from "../../ledger/repo.js";

/** The feed events of a purchase's DOF: credited when paid, taken back after a refund or cancellation. */
const movements = {
  "transaction.completed": { reference: "packageId" },
  "transaction.reversed": { reference: "orderId" },
} as const;

/**
 * Tells the buyer's feed that a purchase's DOF moved. Cause and time come from the posted transaction, so a
 * redelivered webhook publishes the same event again, which the feed keeps once.
 */
export async function publishMovement(
  type: keyof typeof movements,
  uid: string,
  transactionId: string,
): Promise<void> {
  const record = (await transactionRef(transactionId).get()).data();
  if (record?.status !== "posted" || !record.settledAt) return;
  const { reference } = movements[type];
  await publishEvents([
    {
      uid,
      event: {
        type,
        causeId: `${type}:${transactionId}`,
        occurredAtMs: record.settledAt.toMillis(),
        data: {
          transactionId,
          amountDof: record.amountDof,
          purchaseId: record.references.purchaseId ?? null,
          [reference]: record.references[reference] ?? null,
        },
      },
    },
  ]);
}

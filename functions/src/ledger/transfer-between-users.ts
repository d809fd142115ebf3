import { z } from "zod";
import { AppError } from "../common/errors.js";
import { db } from "../common/firebase.js";
import { publishEvents } from "../events/feed.js";
import { profileRef } from "../users/repo.js";
import { Accounts } from "./accounts.js";
import { preparePostings } from "./post.js";
import { transactionRef } from "./repo.js";
import { type TransactionView, transactionView } from "./views.js";

/** A client-made key, reused on every retry of one request. */
export const IdempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,100}$/, "Use 8–100 letters, digits, '-' or '_' (a UUID is ideal).");

export const TransferBody = z.strictObject({
  toUid: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
  amountDof: z.number().int().min(1).max(1_000_000_000_000),
  memo: z.string().trim().max(200).optional(),
  idempotencyKey: IdempotencyKey,
});
export type TransferBody = z.infer<typeof TransferBody>;

/**
 * Sends DOF from the caller's wallet to another user's, once per idempotency key: a retry answers the
 * transaction the first try made, a different request under the same key is a conflict.
 */
export async function transferBetweenUsers(fromUid: string, body: TransferBody): Promise<TransactionView> {
  if (body.toUid === fromUid)
    throw new AppError("invalidArgument", "You cannot send DOF to yourself.", {
      issues: [{ path: "body.toUid", code: "self_transfer", message: "Choose another user." }],
    });
  const transactionId = `transfer_${fromUid}_${body.idempotencyKey}`;
  const outcome = await db().runTransaction(async (transaction) => {
    const recipient = await transaction.get(profileRef(body.toUid));
    if (!recipient.exists) throw new AppError("notFound", "No such user.", { uid: body.toUid });
    const prepared = await preparePostings(transaction, [
      {
        transactionId,
        type: "transfer",
        debit: Accounts.wallet(fromUid),
        credit: Accounts.wallet(body.toUid),
        amountDof: body.amountDof,
        references: { counterpartyUid: body.toUid, senderUid: fromUid },
        memo: body.memo ?? null,
      },
    ]);
    prepared.write();
    return prepared.outcomes[0];
  });
  const record = (await transactionRef(transactionId).get()).data();
  if (!record) throw new Error(`Transaction ${transactionId} is missing right after it was written`);
  if (outcome === "applied") {
    const event = {
      type: "transaction.completed" as const,
      causeId: transactionId,
      occurredAtMs: record.createdAt.toMillis(),
      data: { transactionId, type: "transfer", amountDof: body.amountDof },
    };
    await publishEvents([
      { uid: fromUid, event },
      { uid: body.toUid, event },
    ]);
  }
  return transactionView(record, fromUid);
}

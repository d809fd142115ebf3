import { z } from "zod";
import { AppError } from "../common/errors.js";
import { db } from "../common/firebase.js";
import { publishEvents } from "../events/feed.js";
import { Accounts } from "../ledger/accounts.js";
import { commandId, IdempotencyKey } from "../ledger/commands.js";
import { preparePostings } from "../ledger/post.js";
import { transactionRef } from "../ledger/repo.js";
import { type TransactionView, transactionView } from "../ledger/views.js";
import { readProfile } from "../users/repo.js";

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
  const transactionId = commandId("transfer", fromUid, body.idempotencyKey);
  const outcome = await db().runTransaction(async (transaction) => {
    if (!(await readProfile(body.toUid, transaction)))
      throw new AppError("notFound", "No such user.", { uid: body.toUid });
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

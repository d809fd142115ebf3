import { AppError } from "../common/errors.js";
import { type PageQuery, paginate } from "../http/pagination.js";
import { ledgerTransactions, transactionRef } from "./repo.js";
import type { TransactionType } from "./schemas.js";
import { type TransactionView, transactionView } from "./views.js";

/** The user's transactions, newest first, optionally of one type. */
export async function transactionHistory(
  uid: string,
  page: PageQuery & { type?: TransactionType },
): Promise<{ items: TransactionView[]; nextCursor: string | null }> {
  let query = ledgerTransactions().where("participants", "array-contains", uid);
  if (page.type) query = query.where("type", "==", page.type);
  const result = await paginate(query, [{ field: "createdAt", direction: "desc" }], page);
  return { items: result.items.map((record) => transactionView(record, uid)), nextCursor: result.nextCursor };
}

/** One of the user's transactions; someone else's is not found, so ids cannot be probed. */
export async function ownTransaction(uid: string, transactionId: string): Promise<TransactionView> {
  const record = (await transactionRef(transactionId).get()).data();
  if (!record?.participants.includes(uid))
    throw new AppError("notFound", "No such transaction.", { transactionId });
  return transactionView(record, uid);
}

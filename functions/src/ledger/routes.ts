import { z } from "zod";
import { ApiRouter } from "../http/api-router.js";
import { PageQuery, pageOf } from "../http/pagination.js";
import { ownTransaction, transactionHistory } from "./history.js";
import { TransactionType } from "./schemas.js";
import { TransactionView } from "./views.js";

const HistoryQuery = PageQuery.extend({ type: TransactionType.optional() }).strict();
const TransactionParams = z.strictObject({ transactionId: z.string().regex(/^[A-Za-z0-9_:-]{1,300}$/) });

/** The caller's DOF history. Reading is open to `profile:read` keys; transfers are a flow (flows/). */
export const transactionRoutes = new ApiRouter()
  .route(
    "get",
    "/transactions",
    {
      summary: "The caller's DOF transactions, newest first, optionally of one type",
      access: "user",
      scope: "profile:read",
      query: HistoryQuery,
      response: pageOf(TransactionView),
    },
    async ({ caller, query }) => transactionHistory(caller.uid, query),
  )
  .route(
    "get",
    "/transactions/:transactionId",
    {
      summary: "One of the caller's transactions",
      access: "user",
      scope: "profile:read",
      params: TransactionParams,
      response: TransactionView,
    },
    async ({ caller, params }) => ownTransaction(caller.uid, params.transactionId),
  )
  .finish();

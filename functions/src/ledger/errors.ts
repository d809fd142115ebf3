import { AppError } from "../common/errors.js";

/**
 * Everything the ledger can refuse, as values: flows and triggers decide on `code`, and the one table below
 * says what a client sees. The ledger itself knows nothing of HTTP beyond that table.
 */
export type LedgerFailure =
  /** A user or session account cannot pay: `shortfallDof` is what is missing. */
  | { code: "insufficient_funds"; accountId: string; balanceDof: number; requiredDof: number }
  /** The command's id (its idempotency key) was used before for a different request. */
  | { code: "key_reused"; commandId: string; command: string }
  /** A pending transaction was asked to post after it was voided, or to void after it posted. */
  | { code: "not_pending"; transactionId: string; status: "posted" | "voided" }
  /** No transaction with this id. */
  | { code: "transaction_missing"; transactionId: string };

export type LedgerFailureCode = LedgerFailure["code"];

/** A refusal of the ledger, thrown out of the Firestore transaction that found it (so nothing is written). */
export class LedgerError extends Error {
  constructor(readonly failure: LedgerFailure) {
    super(messageOf(failure));
    this.name = "LedgerError";
  }

  get code(): LedgerFailureCode {
    return this.failure.code;
  }

  /** What a client sees of this refusal: the one place ledger failures meet HTTP. */
  toAppError(): AppError {
    const failure = this.failure;
    switch (failure.code) {
      case "insufficient_funds":
        return new AppError("insufficientFunds", this.message, {
          accountId: failure.accountId,
          balanceDof: failure.balanceDof,
          requiredDof: failure.requiredDof,
          shortfallDof: failure.requiredDof - failure.balanceDof,
        });
      case "key_reused":
        return new AppError("conflict", this.message, {
          reason: "idempotency_key_reused",
          id: failure.commandId,
        });
      case "not_pending":
        return new AppError("conflict", this.message, {
          transactionId: failure.transactionId,
          status: failure.status,
        });
      case "transaction_missing":
        return new AppError("notFound", this.message, { transactionId: failure.transactionId });
    }
  }
}

function messageOf(failure: LedgerFailure): string {
  switch (failure.code) {
    case "insufficient_funds":
      return "The balance is too low for this.";
    case "key_reused":
      return `This idempotency key was already used for a different ${failure.command}; use a new key for a new request.`;
    case "not_pending":
      return `This transaction was ${failure.status} and cannot change.`;
    case "transaction_missing":
      return "No such transaction.";
  }
}

/** Whether `error` is the ledger refusing with `code`. */
export function isLedgerFailure(error: unknown, code: LedgerFailureCode): error is LedgerError {
  return error instanceof LedgerError && error.code === code;
}

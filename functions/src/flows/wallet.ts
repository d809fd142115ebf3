import { Accounts } from "../ledger/accounts.js";
import { transactionHistory } from "../ledger/history.js";
import { balanceOf } from "../ledger/repo.js";
import type { WalletView } from "../ledger/views.js";
import { escrowHeldBy } from "../sessions/of-others.js";

/** What a user holds in DOF: the ledger's balances, and the escrow of their unsettled hires (sessions). */
export async function walletOf(uid: string): Promise<WalletView> {
  const [balanceDof, earnedDof, escrowDof, recent] = await Promise.all([
    balanceOf(Accounts.wallet(uid)),
    balanceOf(Accounts.earnings(uid)),
    escrowHeldBy(uid),
    transactionHistory(uid, { limit: 5 }),
  ]);
  return { balanceDof, escrowDof, earnedDof, recentTransactions: recent.items };
}

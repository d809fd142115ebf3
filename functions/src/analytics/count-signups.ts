import { applyOnce } from "../common/once.js";
import { platformTotalsRef } from "./repo.js";

/**
 * Adds a new account to the platform totals exactly once, however often the creation event arrives.
 * One document is enough: sign-ups arrive far below the ~1 write/s a single document sustains.
 */
export function countSignup(functionName: string, eventId: string): Promise<boolean> {
  const totalsRef = platformTotalsRef();
  return applyOnce(functionName, eventId, async (transaction) => {
    const totals = (await transaction.get(totalsRef)).data() ?? { totalUsers: 0 };
    transaction.set(totalsRef, { totalUsers: totals.totalUsers + 1 });
  });
}

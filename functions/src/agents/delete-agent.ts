import type { Transaction } from "firebase-admin/firestore";
import { db } from "../common/firebase.js";
import type { Caller } from "../http/caller.js";
import { agentRef, agentVersions } from "./repo.js";
import { agentNotFound, mayWrite } from "./service.js";

/**
 * Versions deleted inside the transaction. A transaction takes at most 500 writes; the agent and what the
 * caller adds (its listing) take a few, and the rest stay clear of the limit.
 */
const versionsInTransaction = 400;

/**
 * What must also hold, and happen, when an agent is deleted, inside the same transaction: it reads (and may
 * refuse by throwing) and returns the writes to make after the agent's own reads.
 */
export type AlongsideDeletion = (transaction: Transaction) => Promise<() => void>;

/**
 * Deletes the caller's agent and its version history. `alongside` runs in the same transaction after the
 * agent is found to be the caller's, so a check it makes (no active hires) cannot race what it checks.
 *
 * The agent and up to 400 versions go in one transaction. A longer history cannot fit in a transaction; its
 * remainder is deleted right after the commit. Every route reads the agent first, so leftover versions of a
 * deleted agent are never served, even if that clean-up is interrupted.
 */
export async function deleteAgent(
  agentId: string,
  caller: Caller,
  alongside: AlongsideDeletion,
): Promise<void> {
  const ref = agentRef(agentId);
  const versions = agentVersions(agentId);
  const moreVersionsLeft = await db().runTransaction(async (transaction) => {
    const agent = (await transaction.get(ref)).data();
    if (!agent || !mayWrite(agent, caller)) throw agentNotFound(agentId);
    const writeAlongside = await alongside(transaction);
    const history = await transaction.get(versions.select().limit(versionsInTransaction + 1));
    writeAlongside();
    for (const version of history.docs.slice(0, versionsInTransaction)) transaction.delete(version.ref);
    transaction.delete(ref);
    return history.size > versionsInTransaction;
  });
  if (moreVersionsLeft) await db().recursiveDelete(db().collection(versions.path));
}

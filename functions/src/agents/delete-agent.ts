import { Timestamp } from "firebase-admin/firestore";
import { Collections } from "../common/collections.js";
import { AppError } from "../common/errors.js";
import { db } from "../common/firebase.js";
import type { Caller } from "../http/caller.js";
import { agentRef, agentVersions } from "./repo.js";
import { activeSessionsQuery, agentNotFound, mayWrite } from "./service.js";

/**
 * Versions deleted inside the transaction. A transaction takes at most 500 writes; the agent and its listing
 * take two, and the rest stay clear of the limit.
 */
const versionsInTransaction = 400;

/**
 * Deletes the caller's agent unless someone has it hired (409 `conflict` with `activeSessions`), takes its
 * marketplace listing down (`unpublished`; the listing itself belongs to the marketplace) and deletes its
 * version history.
 *
 * The check, the agent, the listing and up to 400 versions go in one transaction, so a hire that starts
 * meanwhile makes the transaction retry and refuse. A longer history cannot fit in a transaction; its
 * remainder is deleted right after the commit. Every route reads the agent first, so leftover versions of a
 * deleted agent are never served, even if that clean-up is interrupted.
 */
export async function deleteAgent(agentId: string, caller: Caller): Promise<void> {
  const ref = agentRef(agentId);
  const listingRef = db().collection(Collections.listings).doc(agentId);
  const versions = agentVersions(agentId);
  const moreVersionsLeft = await db().runTransaction(async (transaction) => {
    const agent = (await transaction.get(ref)).data();
    if (!agent || !mayWrite(agent, caller)) throw agentNotFound(agentId);
    const activeSessions = (await transaction.get(activeSessionsQuery(agentId).count())).data().count;
    if (activeSessions > 0)
      throw new AppError("conflict", "The agent has active hires; delete it when they have ended.", {
        activeSessions,
      });
    const listing = await transaction.get(listingRef);
    const history = await transaction.get(versions.select().limit(versionsInTransaction + 1));
    if (listing.exists)
      transaction.update(listingRef, { status: "unpublished", unpublishedAt: Timestamp.now() });
    for (const version of history.docs.slice(0, versionsInTransaction)) transaction.delete(version.ref);
    transaction.delete(ref);
    return history.size > versionsInTransaction;
  });
  if (moreVersionsLeft) await db().recursiveDelete(db().collection(versions.path));
}

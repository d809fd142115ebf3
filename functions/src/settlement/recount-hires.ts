import { Timestamp } from "firebase-admin/firestore";
import { db } from "../common/firebase.js";
import { readListing, writeListingStats } from "../marketplace/listings.js";
import { sessions } from "../sessions/repo.js";

const recentWindowMs = 30 * 24 * 3_600_000;

/**
 * Recounts a listing's hires (all time, and the last 30 days) from its sessions and writes them with the
 * featured score. Run once per settlement run for each listing that settled hires, so a popular listing's
 * document is written once a minute at most instead of on every hire; counting from the sessions, not
 * incrementing, also lets `recentHires` fall as hires age out of the window.
 */
export async function recountHires(listingId: string, now = Timestamp.now()): Promise<void> {
  const hires = sessions().where("listingId", "==", listingId).where("kind", "==", "hired");
  const since = Timestamp.fromMillis(now.toMillis() - recentWindowMs);
  const [total, recent] = await Promise.all([
    hires.count().get(),
    hires.where("createdAt", ">=", since).count().get(),
  ]);
  await db().runTransaction(async (transaction) => {
    const listing = await readListing(listingId, transaction);
    if (!listing) return;
    const stats = { ...listing.stats, totalHires: total.data().count, recentHires: recent.data().count };
    writeListingStats(transaction, listingId, stats);
  });
}

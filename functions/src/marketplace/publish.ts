import { Timestamp } from "firebase-admin/firestore";
import { agentRef } from "../agents/repo.js";
import type { Agent } from "../agents/schemas.js";
import { AppError } from "../common/errors.js";
import { db } from "../common/firebase.js";
import { keywordTokensOf } from "./keywords.js";
import { noStats, statsFields } from "./listing-stats.js";
import { nextStatus, withEntry } from "./moderation.js";
import { listingRef, listings } from "./repo.js";
import type { Listing, ListingStatus, PublishBody } from "./schemas.js";

const noSuchAgent = () => new AppError("notFound", "No such agent.");

/** The listing fields copied from the agent: what browse and search show and filter on. */
function fromAgent(agent: Agent) {
  return {
    agentId: agent.agentId,
    ownerUid: agent.ownerUid,
    pricing: agent.pricing,
    type: agent.identity.type,
    rank: agent.identity.rank,
    games: agent.config.specialisation.games,
    languages: agent.config.languages,
    nationality: agent.config.nationality,
    hasVoiceChat: agent.config.features.voiceChat,
    imageUrl: agent.identity.imageUrl,
  };
}

function wentLive(previous: Listing | undefined, status: ListingStatus, now: Timestamp): Timestamp | null {
  if (status === "active" && previous?.status !== "active") return now;
  return previous?.publishedAt ?? null;
}

/**
 * Publishes (or republishes, with new text) the listing of an agent its caller owns, copying the agent's
 * pricing and searchable fields. A vendor's first listing waits for review; once any of their listings has
 * been approved, publications go live at once. A suspended listing stays suspended (409). Someone else's
 * agent answers 404. Listing and agent's `listingStatus` change in one transaction.
 */
export async function publishListing(
  agentId: string,
  callerUid: string,
  body: PublishBody,
  now = Timestamp.now(),
): Promise<Listing> {
  const agentDoc = agentRef(agentId);
  const listingDoc = listingRef(agentId);
  const approvedBefore = listings()
    .where("ownerUid", "==", callerUid)
    .where("everApproved", "==", true)
    .limit(1);
  return db().runTransaction(async (transaction) => {
    const [agentSnapshot, listingSnapshot, approved] = await Promise.all([
      transaction.get(agentDoc),
      transaction.get(listingDoc),
      transaction.get(approvedBefore),
    ]);
    const agent = agentSnapshot.data();
    if (!agent || agent.ownerUid !== callerUid) throw noSuchAgent();
    const previous = listingSnapshot.data();
    const fromStatus = previous?.status ?? null;
    const status = nextStatus(fromStatus, { action: "publish", ownerApproved: !approved.empty });
    const listing: Listing = {
      listingId: agentId,
      ...fromAgent(agent),
      title: body.title,
      description: body.description,
      tags: body.tags,
      categories: body.categories,
      status,
      statusReason: null,
      everApproved: previous?.everApproved ?? false,
      moderation: withEntry(previous?.moderation ?? [], {
        action: "publish",
        actor: "owner",
        byUid: callerUid,
        at: now,
        fromStatus,
        toStatus: status,
        reason: null,
      }),
      ...statsFields(previous?.stats ?? noStats),
      pinnedAt: previous?.pinnedAt ?? null,
      keywords: keywordTokensOf(body),
      submittedAt: now,
      publishedAt: wentLive(previous, status, now),
      updatedAt: now,
    };
    transaction.set(listingDoc, listing);
    transaction.update(agentDoc, { listingStatus: status });
    return listing;
  });
}

/**
 * Takes an agent's listing off the marketplace. Unpublishing an unpublished listing changes nothing; a
 * suspended one cannot be unpublished (409), so a suspension cannot be shaken off by republishing.
 */
export async function unpublishListing(
  agentId: string,
  callerUid: string,
  now = Timestamp.now(),
): Promise<Listing> {
  const agentDoc = agentRef(agentId);
  const listingDoc = listingRef(agentId);
  return db().runTransaction(async (transaction) => {
    const [agentSnapshot, listingSnapshot] = await Promise.all([
      transaction.get(agentDoc),
      transaction.get(listingDoc),
    ]);
    const agent = agentSnapshot.data();
    if (!agent || agent.ownerUid !== callerUid) throw noSuchAgent();
    const listing = listingSnapshot.data();
    if (!listing) throw new AppError("notFound", "This agent has no listing.");
    const status = nextStatus(listing.status, { action: "unpublish" });
    if (listing.status === status) return listing;
    const changed: Listing = {
      ...listing,
      status,
      moderation: withEntry(listing.moderation, {
        action: "unpublish",
        actor: "owner",
        byUid: callerUid,
        at: now,
        fromStatus: listing.status,
        toStatus: status,
        reason: null,
      }),
      updatedAt: now,
    };
    transaction.set(listingDoc, changed);
    transaction.update(agentDoc, { listingStatus: status });
    return changed;
  });
}

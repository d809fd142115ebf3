import { Collections } from "../common/collections.js";
import { converterFor } from "../common/converter.js";
import { db } from "../common/firebase.js";
import { AgentProgress, EarnedBadge } from "./schemas.js";

const earnedBadgeConverter = converterFor(EarnedBadge);
const agentProgressConverter = converterFor(AgentProgress);

export function earnedBadges() {
  return db().collection(Collections.earnedBadges).withConverter(earnedBadgeConverter);
}

export function earnedBadgeRef(agentId: string, badgeId: string) {
  return earnedBadges().doc(`${agentId}_${badgeId}`);
}

/** An agent document seen through the fields awards need; see AgentProgress for why it is read-only. */
export function agentProgressRef(agentId: string) {
  return db().collection(Collections.agents).doc(agentId).withConverter(agentProgressConverter);
}

export function agentsProgressOf(ownerUid: string) {
  return db()
    .collection(Collections.agents)
    .where("ownerUid", "==", ownerUid)
    .withConverter(agentProgressConverter);
}

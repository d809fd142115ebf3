import { Collections } from "../common/collections.js";
import { converterFor } from "../common/converter.js";
import { db } from "../common/firebase.js";
import { Agent, AgentVersion } from "./schemas.js";

const agentConverter = converterFor(Agent);
const versionConverter = converterFor(AgentVersion);

export function agents() {
  return db().collection(Collections.agents).withConverter(agentConverter);
}

export function agentRef(agentId: string) {
  return agents().doc(agentId);
}

export function agentVersions(agentId: string) {
  return db()
    .collection(Collections.agents)
    .doc(agentId)
    .collection(Collections.agentVersions)
    .withConverter(versionConverter);
}

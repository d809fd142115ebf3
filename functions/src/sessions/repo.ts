import { Collections } from "../common/collections.js";
import { converterFor } from "../common/converter.js";
import { db } from "../common/firebase.js";
import { Session } from "./schemas.js";

const sessionConverter = converterFor(Session);

export function sessions() {
  return db().collection(Collections.sessions).withConverter(sessionConverter);
}

export function sessionRef(sessionId: string) {
  return sessions().doc(sessionId);
}

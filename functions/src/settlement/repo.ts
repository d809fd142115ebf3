import { Collections } from "../common/collections.js";
import { converterFor } from "../common/converter.js";
import { db } from "../common/firebase.js";
import { Settlement } from "./schemas.js";

const settlementConverter = converterFor(Settlement);

export function settlementRef(sessionId: string) {
  return db().collection(Collections.settlements).doc(sessionId).withConverter(settlementConverter);
}

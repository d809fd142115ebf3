import { Collections } from "../common/collections.js";
import { converterFor } from "../common/converter.js";
import { db } from "../common/firebase.js";
import { ApiKeyRecord } from "./schemas.js";

const apiKeyConverter = converterFor(ApiKeyRecord);

export function apiKeys() {
  return db().collection(Collections.apiKeys).withConverter(apiKeyConverter);
}

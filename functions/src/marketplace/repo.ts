import { Collections } from "../common/collections.js";
import { converterFor } from "../common/converter.js";
import { db } from "../common/firebase.js";
import { Listing } from "./schemas.js";

const listingConverter = converterFor(Listing);

export function listings() {
  return db().collection(Collections.listings).withConverter(listingConverter);
}

export function listingRef(listingId: string) {
  return listings().doc(listingId);
}

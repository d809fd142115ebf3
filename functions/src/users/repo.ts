import { Collections } from "../common/collections.js";
import { converterFor } from "../common/converter.js";
import { db } from "../common/firebase.js";
import { Profile } from "./schemas.js";

const profileConverter = converterFor(Profile);

export function profiles() {
  return db().collection(Collections.users).withConverter(profileConverter);
}

export function profileRef(uid: string) {
  return profiles().doc(uid);
}

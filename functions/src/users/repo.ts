import type { Transaction } from "firebase-admin/firestore";
import { Collections } from "../common/collections.js";
import { converterFor } from "../common/converter.js";
import { db } from "../common/firebase.js";
import { Profile } from "./schemas.js";

const profileConverter = converterFor(Profile);

/** The path pattern of profile documents, for triggers of other capabilities that react to new accounts. */
export const profileDocumentPattern = `${Collections.users}/{uid}`;

export function profiles() {
  return db().collection(Collections.users).withConverter(profileConverter);
}

export function profileRef(uid: string) {
  return profiles().doc(uid);
}

/** One profile, inside `transaction` when given. */
export async function readProfile(uid: string, transaction?: Transaction): Promise<Profile | undefined> {
  const ref = profileRef(uid);
  return (transaction ? await transaction.get(ref) : await ref.get()).data();
}

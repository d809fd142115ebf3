import { type App, getApps, initializeApp } from "firebase-admin/app";
import { type Auth, getAuth } from "firebase-admin/auth";
import { type Database, getDatabase } from "firebase-admin/database";
import { type Firestore, getFirestore } from "firebase-admin/firestore";

// The Admin SDK is initialised on first use, not at import, so a function that never touches Firestore
// does not pay for it on a cold start.
function app(): App {
  return getApps()[0] ?? initializeApp();
}

let firestore: Firestore | undefined;
export function db(): Firestore {
  if (!firestore) {
    firestore = getFirestore(app());
    firestore.settings({ ignoreUndefinedProperties: false });
  }
  return firestore;
}

export function auth(): Auth {
  return getAuth(app());
}

export function rtdb(): Database {
  return getDatabase(app());
}

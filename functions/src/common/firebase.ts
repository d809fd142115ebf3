import { type App, getApps, initializeApp } from "firebase-admin/app";
import { type Auth, getAuth } from "firebase-admin/auth";
import { type Database, getDatabase } from "firebase-admin/database";
import { type Firestore, getFirestore } from "firebase-admin/firestore";

// The Admin SDK is initialised on first use, not at import, so a function that never touches Firestore
// does not pay for it on a cold start.
function app(): App {
  return getApps()[0] ?? initializeApp();
}

export function db(): Firestore {
  // Left at its default settings (undefined properties are an error, not silently dropped), so tests that
  // share the default app with this code can call it in-process.
  return getFirestore(app());
}

export function auth(): Auth {
  return getAuth(app());
}

export function rtdb(): Database {
  return getDatabase(app());
}

import { deleteApp, type FirebaseApp, initializeApp } from "firebase/app";
import { connectAuthEmulator, getAuth, signInWithEmailAndPassword, signOut } from "firebase/auth";
import { connectDatabaseEmulator, type Database, getDatabase, goOffline } from "firebase/database";
import { stack } from "./stack.js";

export interface ClientApp {
  app: FirebaseApp;
  database: Database;
  uid: string;
  close(): Promise<void>;
}

let apps = 0;

/** A signed-in client, as a web or game client would be: the `firebase` JS SDK against the stack. */
export async function signedInClient(email: string, password: string): Promise<ClientApp> {
  const namespace = new URL(stack.databaseUrl).searchParams.get("ns");
  const app = initializeApp(
    {
      apiKey: "test-api-key",
      projectId: stack.projectId,
      databaseURL: `https://${namespace}.firebaseio.com`,
    },
    `client-${++apps}`,
  );
  const auth = getAuth(app);
  connectAuthEmulator(auth, `http://${stack.authHost}`, { disableWarnings: true });
  const credential = await signInWithEmailAndPassword(auth, email, password);
  const database = getDatabase(app);
  const [host, port] = stack.databaseHost.split(":");
  connectDatabaseEmulator(database, host ?? "127.0.0.1", Number(port));
  // Dropping the connection first is what a client going away looks like to the server (its onDisconnect
  // writes run); signing out stops Auth's token refresh timer, which deleting the app alone leaves behind.
  const close = async () => {
    goOffline(database);
    await signOut(auth);
    await deleteApp(app);
  };
  return { app, database, uid: credential.user.uid, close };
}

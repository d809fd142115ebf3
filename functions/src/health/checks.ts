import { platformTotalsRef } from "../analytics/repo.js";
import { auth, rtdb } from "../common/firebase.js";

export type ServiceStatus = { status: "up"; latencyMs: number } | { status: "down"; error: string };

const checkTimeoutMs = 3000;

async function timed(check: () => Promise<unknown>): Promise<ServiceStatus> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${checkTimeoutMs} ms`)), checkTimeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return { status: "up", latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: "down", error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** The services every request depends on, each probed with the cheapest call that proves it answers. */
export async function checkServices(): Promise<Record<string, ServiceStatus>> {
  const [firestore, authentication, realtimeDatabase] = await Promise.all([
    timed(() => platformTotalsRef().get()),
    // Looking up an account that cannot exist still makes a full round trip to Auth.
    timed(() => auth().getUsers([{ uid: "health-check" }])),
    timed(() => rtdb().ref("health-check").get()),
  ]);
  return { firestore, auth: authentication, realtimeDatabase };
}

import { algoliaEnvironment } from "../algolia/local-config.js";
import { shopifyEnvironment } from "../shopify/local-config.js";
import type { EmulatorAddress, StackProfile } from "./profiles.js";

const hostPort = ({ host, port }: EmulatorAddress) => `${host}:${port}`;
const origin = (address: EmulatorAddress) => `http://${hostPort(address)}`;

export const functionsRegion = "us-central1";

export function apiBaseUrl(profile: StackProfile): string {
  return `${origin(profile.functions)}/${profile.projectId}/${functionsRegion}/api/v1`;
}

/**
 * The variables that point SDKs, scripts and tests at this stack. The Admin SDK and firebase-tools read the
 * standard ones; the JIGA_ ones are ours.
 */
export function stackEnvironment(profile: StackProfile): Record<string, string> {
  return {
    GCLOUD_PROJECT: profile.projectId,
    GOOGLE_CLOUD_PROJECT: profile.projectId,
    FIREBASE_EMULATOR_HUB: hostPort(profile.hub),
    FIREBASE_AUTH_EMULATOR_HOST: hostPort(profile.auth),
    FIRESTORE_EMULATOR_HOST: hostPort(profile.firestore),
    FIREBASE_DATABASE_EMULATOR_HOST: hostPort(profile.database),
    JIGA_FIRESTORE_UPSTREAM_HOST: hostPort(profile.firestoreUpstream),
    JIGA_DATABASE_URL: `${origin(profile.database)}?ns=${profile.projectId}-default-rtdb`,
    JIGA_FUNCTIONS_URL: origin(profile.functions),
    JIGA_API_URL: apiBaseUrl(profile),
    JIGA_SCHEDULER_URL: origin(profile.scheduler),
    ...algoliaEnvironment(profile.algolia),
    ...shopifyEnvironment(profile.shopify),
    JIGA_SHOPIFY_URL: origin(profile.shopify),
  };
}

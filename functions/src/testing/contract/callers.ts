import type { CallOptions } from "../api-client.js";
import type { World } from "./world.js";

export const callerKinds = [
  "anonymous",
  "owner",
  "other",
  "vendor",
  "admin",
  "keyWithScope",
  "keyWithoutScope",
] as const;
export type CallerKind = (typeof callerKinds)[number];

/** The credentials of each kind of caller; a key "without the scope" lacks the route's scope. */
export function credentialsOf(kind: CallerKind, world: World, routeScope: string | undefined): CallOptions {
  const { people, keys } = world;
  switch (kind) {
    case "anonymous":
      return {};
    case "owner":
      return { token: people.Owner.idToken };
    case "other":
      return { token: people.Other.idToken };
    case "vendor":
      return { token: people.Vendor.idToken };
    case "admin":
      return { token: people.Admin.idToken };
    case "keyWithScope":
      return { apiKey: keys.all };
    case "keyWithoutScope":
      return { apiKey: routeScope === "profile:read" ? keys.marketplaceOnly : keys.profileOnly };
  }
}

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Timestamp } from "firebase-admin/firestore";
import { canonicalTimeZone, isCountryCode } from "./locale.js";
import { Profile } from "./schemas.js";
import { applyProfileUpdate, UpdateProfileBody } from "./update-profile.js";

// A profile as the sign-up trigger wrote it before preferences, nationality and timezone existed.
const launchProfile = {
  uid: "u1",
  displayName: "Player u1",
  avatarUrl: null,
  createdAt: Timestamp.fromMillis(1_700_000_000_000),
};

describe("Profile schema", () => {
  it("reads a profile written before the new fields, with their defaults", () => {
    const profile = Profile.parse(launchProfile);
    assert.equal(profile.nationality, null);
    assert.equal(profile.timezone, null);
    assert.deepEqual(profile.preferences, {
      notifications: {
        email: true,
        push: true,
        marketing: false,
        events: { hires: true, reviews: true, payouts: true },
      },
      privacy: { showOnlineStatus: true, showStats: true, showNationality: true },
    });
  });

  it("fills missing preference flags one by one", () => {
    const profile = Profile.parse({ ...launchProfile, preferences: { privacy: { showStats: false } } });
    assert.deepEqual(profile.preferences.privacy, {
      showOnlineStatus: true,
      showStats: false,
      showNationality: true,
    });
    assert.equal(profile.preferences.notifications.events.payouts, true);
  });
});

describe("applyProfileUpdate", () => {
  const profile = Profile.parse({ ...launchProfile, nationality: "BR", timezone: "America/Sao_Paulo" });

  it("changes only the fields sent, down to single preference flags", () => {
    const update = UpdateProfileBody.parse({
      displayName: "  Nia  ",
      preferences: { notifications: { events: { reviews: false } }, privacy: { showNationality: false } },
    });
    const next = applyProfileUpdate(profile, update);
    assert.equal(next.displayName, "Nia");
    assert.equal(next.nationality, "BR");
    assert.equal(next.timezone, "America/Sao_Paulo");
    assert.deepEqual(next.preferences.notifications, {
      email: true,
      push: true,
      marketing: false,
      events: { hires: true, reviews: false, payouts: true },
    });
    assert.deepEqual(next.preferences.privacy, {
      showOnlineStatus: true,
      showStats: true,
      showNationality: false,
    });
    assert.deepEqual(next.createdAt, profile.createdAt);
  });

  it("clears nullable fields with null", () => {
    const next = applyProfileUpdate(profile, UpdateProfileBody.parse({ nationality: null, timezone: null }));
    assert.equal(next.nationality, null);
    assert.equal(next.timezone, null);
  });

  it("keeps everything for an empty body", () => {
    assert.deepEqual(applyProfileUpdate(profile, UpdateProfileBody.parse({})), profile);
  });
});

describe("locale validation", () => {
  it("accepts assigned ISO 3166-1 alpha-2 codes only", () => {
    for (const code of ["BR", "PT", "US", "JP", "GB"]) assert.ok(isCountryCode(code), code);
    for (const code of ["XX", "EU", "UK", "br", "BRA", ""]) assert.ok(!isCountryCode(code), code);
  });

  it("accepts IANA zones under their canonical name and refuses offsets and inventions", () => {
    assert.equal(canonicalTimeZone("Europe/Lisbon"), "Europe/Lisbon");
    assert.equal(canonicalTimeZone("europe/lisbon"), "Europe/Lisbon");
    assert.equal(canonicalTimeZone("UTC"), "UTC");
    assert.equal(canonicalTimeZone("US/Eastern"), "America/New_York");
    for (const name of ["Mars/Olympus", "+05:00", "", "Europe/../etc"])
      assert.equal(canonicalTimeZone(name), undefined, name);
  });
});

import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { beforeEach, describe, it } from "node:test";
import { type Algoliasearch, algoliasearch } from "algoliasearch";
import { type DocumentSnapshot, Timestamp } from "firebase-admin/firestore";
import { deliverEvent } from "../../testing/deliver-event.js";
import { admin, eventually, resetStack, stack } from "../../testing/stack.js";
import { desiredSettings, ensureIndexSettings } from "./index-settings.js";
import { microsOf } from "./versions.js";

const indexName = "listings";
const env = (name: string) => process.env[name] ?? assert.fail(`${name} is not set by the test stack`);

function adminAlgolia(): Algoliasearch {
  const hosts = [{ url: env("ALGOLIA_HOST"), protocol: "http" as const, accept: "readWrite" as const }];
  return algoliasearch(env("ALGOLIA_APP_ID"), env("ALGOLIA_ADMIN_KEY"), { hosts });
}

/** A whole `listings/{id}` document, valid by the Listing schema, as publishing writes it. */
function listingDoc(overrides: Record<string, unknown> = {}) {
  const publishedAt = Timestamp.fromMillis(Date.UTC(2025, 0, 2));
  return {
    listingId: "agent-1",
    agentId: "agent-1",
    ownerUid: "owner-1",
    title: "Valorant aim coach",
    description: "Crosshair placement drills",
    imageUrl: null,
    tags: ["aim"],
    categories: ["coaching"],
    type: "Mentor",
    rank: "Gold",
    games: ["valorant"],
    languages: ["en", "pt"],
    nationality: "BR",
    hasVoiceChat: true,
    pricing: { hourlyDof: 400, dailyDof: 2500, weeklyDof: 12_000 },
    stats: { rating: 4.5, ratingCount: 12, recentHires: 3, totalHires: 9 },
    featuredScore: 0,
    pinnedAt: null,
    keywords: ["valorant", "aim", "coach"],
    statusReason: null,
    everApproved: true,
    moderation: [],
    submittedAt: publishedAt,
    publishedAt,
    status: "active",
    updatedAt: Timestamp.now(),
    ...overrides,
  };
}

/** A Firestore time in RFC 3339 with all nine digits, as the emulator sends commit times. */
function rfc3339(time: Timestamp): string {
  const seconds = new Date(time.seconds * 1000).toISOString().slice(0, 19);
  return `${seconds}.${String(time.nanoseconds).padStart(9, "0")}Z`;
}

/** A Firestore value in the REST JSON form a CloudEvent carries. */
function restValue(value: unknown): Record<string, unknown> {
  if (value === null) return { nullValue: null };
  if (value instanceof Timestamp) return { timestampValue: rfc3339(value) };
  if (typeof value === "string") return { stringValue: value };
  if (typeof value === "boolean") return { booleanValue: value };
  if (typeof value === "number")
    return Number.isInteger(value) ? { integerValue: String(value) } : { doubleValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(restValue) } };
  const fields = Object.fromEntries(
    Object.entries(value as object).map(([key, inner]) => [key, restValue(inner)]),
  );
  return { mapValue: { fields } };
}

/** The "written" CloudEvent of one past version of a listing, to deliver again (late or twice). */
function writtenEvent(snapshot: DocumentSnapshot) {
  const document = `listings/${snapshot.id}`;
  const updateTime = rfc3339(snapshot.updateTime ?? assert.fail("no update time"));
  const fields = (restValue(snapshot.data()) as { mapValue: { fields: object } }).mapValue.fields;
  return {
    specversion: "1.0",
    id: randomUUID(),
    type: "google.cloud.firestore.document.v1.written",
    source: `//firestore.googleapis.com/projects/${stack.projectId}/databases/(default)`,
    subject: `documents/${document}`,
    time: updateTime,
    datacontenttype: "application/json",
    project: stack.projectId,
    database: "(default)",
    namespace: "(default)",
    document,
    data: {
      value: {
        name: `projects/${stack.projectId}/databases/(default)/documents/${document}`,
        fields,
        createTime: updateTime,
        updateTime,
      },
    },
  };
}

const deliver = (event: object) =>
  deliverEvent("syncListingToSearch", event, { "Content-Type": "application/cloudevents+json" });

describe("syncListingToSearch (Firestore trigger → Algolia)", () => {
  let algolia: Algoliasearch;
  const record = async (listingId: string) =>
    algolia.getObject({ indexName, objectID: listingId }).catch((error: { status?: number }) => {
      if (error.status === 404) return undefined;
      throw error;
    });
  /** Writes a listing and waits until the index holds exactly that version. */
  const write = async (listingId: string, data: Record<string, unknown>) => {
    const ref = admin.db().collection("listings").doc(listingId);
    await ref.set(data);
    const snapshot = await ref.get();
    const version = microsOf(snapshot.updateTime as Timestamp);
    await eventually(`${listingId} indexed at its version`, async () =>
      (await record(listingId))?.syncedAtUs === version ? true : undefined,
    );
    return snapshot;
  };
  const removal = (listingId: string) =>
    eventually(`${listingId} removed`, async () => ((await record(listingId)) ? undefined : true));

  beforeEach(async () => {
    await resetStack();
    algolia = adminAlgolia();
    if (await algolia.indexExists({ indexName })) await algolia.clearObjects({ indexName });
  });

  it("indexes an active listing as its search record and sets up the index and its sort replicas", async () => {
    await write("listing-1", listingDoc());
    const indexed = await record("listing-1");
    assert.equal(indexed?.title, "Valorant aim coach");
    assert.deepEqual(indexed?.games, ["valorant"]);
    assert.equal(indexed?.rating, 4.5);
    assert.equal(indexed?.publishedAtMs, Date.UTC(2025, 0, 2));
    assert.equal(indexed?.status, undefined, "only search fields are indexed");
    const replica = await algolia.getSettings({ indexName: "listings_price_hourly_asc" });
    assert.equal(replica.ranking?.[0], "asc(hourlyDof)");
    assert.equal(desiredSettings(indexName).length, 10);
    assert.deepEqual(await ensureIndexSettings(algolia, indexName), [], "settings are applied once");
  });

  it("applies a redelivered event once, and never lets an older event overwrite a newer state", async () => {
    const first = await write("listing-1", listingDoc({ title: "First title" }));
    const second = await write(
      "listing-1",
      listingDoc({ title: "Second title", pricing: { hourlyDof: 500, dailyDof: 2500, weeklyDof: 12_000 } }),
    );
    const event = writtenEvent(second);
    await deliver(event);
    await deliver(event);
    await deliver(writtenEvent(first));
    const indexed = await record("listing-1");
    assert.equal(indexed?.title, "Second title");
    assert.equal(indexed?.hourlyDof, 500);
    assert.equal(indexed?.syncedAtUs, microsOf(second.updateTime as Timestamp));
  });

  it("removes a listing that stops being active or is deleted, and a late older event does not bring it back", async () => {
    const active = await write("listing-1", listingDoc());
    await write("listing-2", listingDoc({ title: "Second listing" }));
    await admin.db().doc("listings/listing-1").update({ status: "paused" });
    await removal("listing-1");
    await deliver(writtenEvent(active));
    assert.equal(await record("listing-1"), undefined);

    await admin.db().doc("listings/listing-2").delete();
    await removal("listing-2");

    await write("listing-1", listingDoc({ title: "Back again" }));
    assert.equal((await record("listing-1"))?.title, "Back again");
  });

  it("keeps a listing that is not valid for search out of the index", async () => {
    await write("listing-1", listingDoc());
    await admin.db().doc("listings/listing-1").update({ rank: "Diamond" });
    await removal("listing-1");
  });
});

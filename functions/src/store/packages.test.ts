import assert from "node:assert/strict";
import { before, beforeEach, describe, it } from "node:test";
import { Timestamp } from "firebase-admin/firestore";
import { Collections } from "../common/collections.js";
import { AppError } from "../common/errors.js";
import { call } from "../testing/api-client.js";
import { assertLedgerInvariants } from "../testing/ledger-invariants.js";
import { freshStackWithUsers } from "../testing/marketplace-fixtures.js";
import type { TestUser } from "../testing/people.js";
import { syncPackagesNow } from "../testing/shopify.js";
import { admin, resetFirestore } from "../testing/stack.js";
import { shopifySettings } from "./shopify-client.js";

describe("DOF packages: sync from Shopify's Admin API, GET /store/packages", () => {
  let users: Record<"moderator" | "player", TestUser>;
  before(async () => {
    users = await freshStackWithUsers({ moderator: { admin: true }, player: {} });
  });
  beforeEach(() => resetFirestore());

  it("lists nothing before a sync, and the active tiers, cheapest first, after the admin's sync", async () => {
    assert.deepEqual((await call("GET", "/store/packages")).json, { items: [] });
    const synced = await call("POST", "/admin/store/packages/sync", { token: users.moderator.idToken });
    assert.equal(synced.status, 200, JSON.stringify(synced.json));
    assert.deepEqual(synced.json, { active: 4, inactive: 1, skipped: [] });
    const listed = await call("GET", "/store/packages");
    assert.deepEqual(
      listed.json.items.map((item: { packageId: string; totalDof: number }) => [
        item.packageId,
        item.totalDof,
      ]),
      [
        ["DOF-150K-BRONZE", 150_000],
        ["DOF-500K-SILVER", 525_000],
        ["DOF-1200K-GOLD", 1_320_000],
        ["DOF-3M-PLATINUM", 3_450_000],
      ],
    );
    assert.deepEqual(listed.json.items[0], {
      packageId: "DOF-150K-BRONZE",
      sku: "DOF-150K-BRONZE",
      title: "150,000 DOFs – Bronze",
      tier: "bronze",
      dofAmount: 150_000,
      bonusDof: 0,
      totalDof: 150_000,
      price: "4.99",
      currency: "USD",
    });
    const draft = (await admin.db().collection(Collections.dofPackages).doc("DOF-10M-DIAMOND").get()).data();
    assert.equal(draft?.active, false);
    assert.equal(draft?.shopifyVariantId, "gid://shopify/ProductVariant/44000000005");
    await assertLedgerInvariants();
  });

  it("takes a package off sale when its variant is gone from Shopify (hourly job through the scheduler)", async () => {
    await admin.db().collection(Collections.dofPackages).doc("DOF-1K-RETIRED").set({
      packageId: "DOF-1K-RETIRED",
      sku: "DOF-1K-RETIRED",
      title: "1,000 DOFs – Retired",
      tier: "retired",
      dofAmount: 1000,
      bonusDof: 0,
      price: "0.99",
      currency: "USD",
      shopifyVariantId: "gid://shopify/ProductVariant/1",
      active: true,
      syncedAt: Timestamp.now(),
    });
    assert.equal((await call("GET", "/store/packages")).json.items.length, 1);
    await syncPackagesNow();
    const ids = (await call("GET", "/store/packages")).json.items.map(
      (item: { packageId: string }) => item.packageId,
    );
    assert.deepEqual(ids, ["DOF-150K-BRONZE", "DOF-500K-SILVER", "DOF-1200K-GOLD", "DOF-3M-PLATINUM"]);
    const retired = await admin.db().collection(Collections.dofPackages).doc("DOF-1K-RETIRED").get();
    assert.equal(retired.get("active"), false);
    await assertLedgerInvariants();
  });

  it("answers 503 naming what is missing when Shopify is not configured", () => {
    const empty = () => "";
    assert.throws(
      () => shopifySettings(["storefront"], empty),
      (error: unknown) =>
        error instanceof AppError &&
        error.status === 503 &&
        JSON.stringify(error.details) === JSON.stringify({ missing: ["shopDomain", "storefrontToken"] }),
    );
    const configured = shopifySettings(["storefront"], (key) =>
      key === "adminToken" ? "" : `value-of-${key}`,
    );
    assert.equal(configured.storefrontToken, "value-of-storefrontToken");
    assert.equal(configured.adminToken, "", "a use reads only the settings it needs");
  });
});

import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { afterEach, before, describe, it } from "node:test";
import { call } from "../testing/api-client.js";
import { clearRateLimits } from "../testing/contract/rate-limits.js";
import { assertLedgerInvariants, walletBalance } from "../testing/ledger-invariants.js";
import { freshStackWithUsers } from "../testing/marketplace-fixtures.js";
import type { TestUser } from "../testing/people.js";
import { admin } from "../testing/stack.js";
import { grantDof } from "../testing/wallets.js";
import { Accounts, shardCount } from "./accounts.js";
import { post } from "./post.js";
import { balanceShards } from "./repo.js";

describe("the DOF ledger", () => {
  let ana: TestUser;
  let ben: TestUser;

  before(async () => {
    ({ ana, ben } = await freshStackWithUsers({ ana: {}, ben: {} }));
  });
  afterEach(async () => {
    await assertLedgerInvariants();
    // Each test makes many calls in a few seconds; the limits themselves are tested in api-keys.test.ts.
    await clearRateLimits();
  });

  async function send(from: TestUser, to: TestUser, amountDof: number, idempotencyKey = randomUUID()) {
    return call("POST", "/transactions/transfer", {
      token: from.idToken,
      body: { toUid: to.uid, amountDof, idempotencyKey, memo: "gg" },
    });
  }

  async function wallet(person: TestUser) {
    const response = await call("GET", "/profile/wallet", { token: person.idToken });
    assert.equal(response.status, 200, JSON.stringify(response.json));
    return response.json;
  }

  it("moves DOF between users and shows it in both histories", async () => {
    await grantDof(ana.uid, 1_000);
    const sent = await send(ana, ben, 300);
    assert.equal(sent.status, 201, JSON.stringify(sent.json));
    assert.equal(sent.json.direction, "out");
    assert.equal((await wallet(ana)).balanceDof, 700);
    const bens = await wallet(ben);
    assert.equal(bens.balanceDof, 300);
    assert.deepEqual(
      bens.recentTransactions.map((item: { direction: string; amountDof: number; memo: string }) => [
        item.direction,
        item.amountDof,
        item.memo,
      ]),
      [["in", 300, "gg"]],
    );
    const asBen = await call("GET", `/transactions/${sent.json.transactionId}`, { token: ben.idToken });
    assert.equal(asBen.json.direction, "in");
  });

  it("applies a retried transfer once, and refuses the key for a different request", async () => {
    await grantDof(ana.uid, 500);
    const before = (await wallet(ana)).balanceDof;
    const key = randomUUID();
    const attempts = await Promise.all([1, 2, 3, 4, 5].map(() => send(ana, ben, 200, key)));
    assert.deepEqual(
      attempts.map((attempt) => attempt.status),
      [201, 201, 201, 201, 201],
    );
    assert.equal(new Set(attempts.map((attempt) => attempt.json.transactionId)).size, 1);
    assert.equal((await wallet(ana)).balanceDof, before - 200);
    const changed = await send(ana, ben, 201, key);
    assert.equal(changed.status, 409);
    assert.equal(changed.json.error.code, "conflict");
    assert.equal((await wallet(ana)).balanceDof, before - 200);
  });

  it("answers 402 with the shortfall and moves nothing when the wallet cannot pay", async () => {
    const balance = (await wallet(ana)).balanceDof;
    const response = await send(ana, ben, balance + 25);
    assert.equal(response.status, 402);
    assert.equal(response.json.error.code, "insufficientFunds");
    assert.equal(response.json.error.details.shortfallDof, 25);
    assert.equal((await wallet(ana)).balanceDof, balance);
  });

  it("lets concurrent transfers spend a wallet exactly down to zero", async () => {
    const { uid } = ana;
    const excess = (await wallet(ana)).balanceDof - 10 * 7;
    if (excess > 0) assert.equal((await send(ana, ben, excess)).status, 201);
    else await grantDof(uid, -excess);
    const results = await Promise.all(Array.from({ length: 20 }, () => send(ana, ben, 7)));
    const statuses = results.map((result) => result.status);
    assert.equal(statuses.filter((status) => status === 201).length, 10, statuses.join(" "));
    assert.equal(statuses.filter((status) => status === 402).length, 10, statuses.join(" "));
    const snapshot = await assertLedgerInvariants();
    assert.equal(walletBalance(snapshot, uid), 0);
  });

  it("refuses transfers to oneself and to nobody", async () => {
    await grantDof(ana.uid, 10);
    const self = await send(ana, ana, 1);
    assert.equal(self.status, 400);
    assert.equal(self.json.error.details.issues[0].path, "body.toUid");
    const nobody = await call("POST", "/transactions/transfer", {
      token: ana.idToken,
      body: { toUid: "no-such-user", amountDof: 1, idempotencyKey: randomUUID() },
    });
    assert.equal(nobody.status, 404);
  });

  it("lists the caller's history newest first, by type, page by page, and hides others' transactions", async () => {
    await grantDof(ben.uid, 50);
    for (let index = 0; index < 3; index++) await send(ben, ana, 1 + index);
    const transfers = await call("GET", "/transactions?type=transfer&limit=2", { token: ben.idToken });
    assert.equal(transfers.status, 200);
    assert.equal(transfers.json.items.length, 2);
    assert.deepEqual(
      transfers.json.items.map((item: { amountDof: number }) => item.amountDof),
      [3, 2],
    );
    const next = await call(
      "GET",
      `/transactions?type=transfer&limit=2&cursor=${transfers.json.nextCursor}`,
      {
        token: ben.idToken,
      },
    );
    assert.ok(next.json.items.every((item: { type: string }) => item.type === "transfer"));
    const purchases = await call("GET", "/transactions?type=purchase", { token: ben.idToken });
    assert.ok(purchases.json.items.length >= 1);
    assert.ok(purchases.json.items.every((item: { type: string }) => item.type === "purchase"));
    const anasPurchase = (await call("GET", "/transactions?type=purchase", { token: ana.idToken })).json
      .items[0];
    const probe = await call("GET", `/transactions/${anasPurchase.transactionId}`, { token: ben.idToken });
    assert.equal(probe.status, 404);
  });

  it("spreads postings to a hot account over its shards, and the shards add up", async () => {
    const credits = Array.from({ length: 40 }, (_, index) => ({ payer: randomUUID(), amountDof: index + 1 }));
    for (const { payer, amountDof } of credits) await grantDof(payer, amountDof);
    await Promise.all(
      credits.map(({ payer, amountDof }) =>
        admin.db().runTransaction((transaction) =>
          post(transaction, [
            {
              transactionId: `platform-test_${randomUUID()}`,
              type: "session_platform_share",
              debit: Accounts.wallet(payer),
              credit: Accounts.platformRevenue,
              amountDof,
              references: { sessionId: randomUUID() },
            },
          ]),
        ),
      ),
    );
    const shards = await balanceShards(Accounts.platformRevenue).get();
    assert.ok(
      shards.size > 1 && shards.size <= shardCount(Accounts.platformRevenue),
      `${shards.size} shards`,
    );
    const total = shards.docs.reduce((sum, doc) => sum + doc.data().balanceDof, 0);
    assert.equal(total, 820);
  });
});

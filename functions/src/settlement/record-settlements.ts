import { Timestamp } from "firebase-admin/firestore";
import { agentRef } from "../agents/repo.js";
import type { Agent } from "../agents/schemas.js";
import { db } from "../common/firebase.js";
import { endIfExpired } from "../sessions/end.js";
import { sessionRef, sessions } from "../sessions/repo.js";
import { hoursUsed, type Session } from "../sessions/schemas.js";
import { recountHires } from "./recount-hires.js";
import { settlementRef } from "./repo.js";
import type { Settlement } from "./schemas.js";
import { type SplitRule, splitDof } from "./split.js";

/** Sessions handled per run and per kind of work; the rest wait for the next run a minute later. */
const batchSize = 200;

function settlementOf(session: Session, rule: SplitRule, game: string | null, now: Timestamp): Settlement {
  return {
    sessionId: session.sessionId,
    hirerUid: session.hirerUid,
    ownerUid: session.ownerUid,
    creatorUid: session.creatorUid,
    agentId: session.agentId,
    listingId: session.listingId,
    escrowDof: session.escrowDof,
    consumedDof: session.consumedDof,
    shares: splitDof(session.consumedDof, rule),
    releasedDof: session.escrowDof - session.consumedDof,
    rule,
    hoursUsed: hoursUsed(session),
    game,
    createdAt: now,
  };
}

function withExperience(agent: Agent, settled: Settlement[]): Agent["experience"] {
  const hoursByGame = { ...agent.experience.hoursByGame };
  let totalHours = agent.experience.totalHours;
  for (const { hoursUsed: hours, game } of settled) {
    totalHours += hours;
    if (game) hoursByGame[game] = (hoursByGame[game] ?? 0) + hours;
  }
  const round = (hours: number) => Math.round(hours * 100) / 100;
  return {
    hoursByGame: Object.fromEntries(Object.entries(hoursByGame).map(([game, hours]) => [game, round(hours)])),
    totalHours: round(totalHours),
  };
}

/**
 * Writes the settlement records of one agent's ended sessions and adds their hours to the agent's
 * experience, in one transaction: so the hours count exactly once per session, and a popular agent's
 * document is written once per run rather than once per session.
 */
async function recordForAgent(agentId: string, sessionIds: string[], rule: SplitRule): Promise<number> {
  return db().runTransaction(async (transaction) => {
    const agentSnapshot = await transaction.get(agentRef(agentId));
    const found = await transaction.getAll(...sessionIds.map((id) => sessionRef(id)));
    const existing = await transaction.getAll(...sessionIds.map((id) => settlementRef(id)));
    const agent = agentSnapshot.data();
    const now = Timestamp.now();
    const settled = found
      .map((snapshot, index) => ({ session: snapshot.data(), recorded: existing[index]?.exists ?? false }))
      .filter(({ session, recorded }) => session?.status === "ended" && !recorded)
      .map(({ session }) => {
        const game = session?.configuration.game ?? agent?.config.specialisation.games[0] ?? null;
        return settlementOf(session as Session, rule, game, now);
      });
    for (const settlement of settled) transaction.create(settlementRef(settlement.sessionId), settlement);
    if (agent && settled.length > 0)
      transaction.update(agentRef(agentId), { experience: withExperience(agent, settled), updatedAt: now });
    return settled.length;
  });
}

/**
 * The scheduled settlement run: ends sessions whose time is over, records a settlement for every ended
 * session (the split trigger on each record pays it out), and recounts the hires of the listings whose
 * hires ended. Safe to run twice or concurrently.
 */
export async function recordSettlements(
  rule: SplitRule,
  now = Timestamp.now(),
): Promise<{ expired: number; recorded: number }> {
  const due = await sessions()
    .where("status", "==", "active")
    .where("expiresAt", "<=", now)
    .limit(batchSize)
    .get();
  let expired = 0;
  for (const doc of due.docs) if (await endIfExpired(doc.id, now)) expired++;

  const ended = await sessions().where("status", "==", "ended").limit(batchSize).get();
  const byAgent = new Map<string, string[]>();
  for (const doc of ended.docs) {
    const { agentId } = doc.data();
    byAgent.set(agentId, [...(byAgent.get(agentId) ?? []), doc.id]);
  }
  let recorded = 0;
  for (const [agentId, sessionIds] of byAgent) recorded += await recordForAgent(agentId, sessionIds, rule);
  const hiredListings = new Set(
    ended.docs.filter((doc) => doc.data().kind === "hired").map((doc) => doc.data().listingId),
  );
  for (const listingId of hiredListings) await recountHires(listingId, now);
  return { expired, recorded };
}

/** Who shares the DOF a session consumed. */
export const Party = ["owner", "creator", "platform"] as const;
export type Party = (typeof Party)[number];

/** Shares in basis points (1/100 of a percent), summing to 10,000. */
export type SplitRule = Record<Party, number>;

const fullBps = 10_000;

/**
 * Reads a rule written as `owner=7000,creator=1000,platform=2000` (basis points). Throws on anything
 * else, so a mistyped setting stops settlement loudly instead of paying out a wrong split.
 */
export function parseSplitRule(text: string): SplitRule {
  const entries = text.split(",").map((part) => part.trim().split("="));
  const rule: Partial<SplitRule> = {};
  for (const [party, value] of entries) {
    if (!Party.includes(party as Party) || !/^\d+$/.test(value ?? ""))
      throw new Error(`Revenue split "${text}": expected owner=…,creator=…,platform=… in basis points`);
    rule[party as Party] = Number(value);
  }
  const complete = Party.every((party) => rule[party] !== undefined);
  const total = Party.reduce((sum, party) => sum + (rule[party] ?? 0), 0);
  if (!complete || total !== fullBps)
    throw new Error(`Revenue split "${text}": name every party once, with shares summing to ${fullBps}`);
  return rule as SplitRule;
}

/**
 * Splits a whole number of DOF by the rule with the largest-remainder method: each party gets the floor of
 * its exact share, and the DOF left over go one each to the largest fractional remainders (ties in the
 * order owner, creator, platform). The parts always sum to the total exactly.
 */
export function splitDof(totalDof: number, rule: SplitRule): Record<Party, number> {
  if (!Number.isSafeInteger(totalDof) || totalDof < 0) throw new Error(`Cannot split ${totalDof} DOF`);
  const exact = Party.map((party) => ({ party, numerator: totalDof * rule[party] }));
  const parts = Object.fromEntries(
    exact.map(({ party, numerator }) => [party, Math.floor(numerator / fullBps)]),
  ) as Record<Party, number>;
  let left = totalDof - Party.reduce((sum, party) => sum + parts[party], 0);
  const byRemainder = [...exact].sort((a, b) => (b.numerator % fullBps) - (a.numerator % fullBps));
  for (const { party } of byRemainder) {
    if (left === 0) break;
    parts[party] += 1;
    left -= 1;
  }
  return parts;
}

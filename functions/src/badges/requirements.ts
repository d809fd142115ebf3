import type { z } from "zod";
import { games } from "../agents/catalogue.js";
import type { Experience } from "../agents/schemas.js";

export type Game = (typeof games)[number];
export type AgentExperience = z.infer<typeof Experience>;

/** What an agent needs to have done, in hours of settled sessions, to earn a badge or an achievement. */
export type Requirement =
  | { kind: "gameHours"; game: Game; hours: number }
  | { kind: "totalHours"; hours: number }
  /** At least `hours` in each of `games` different games. */
  | { kind: "gamesWithHours"; games: number; hours: number };

/** An agent that has never worked: the state before an agent document exists. */
export const noExperience: AgentExperience = { hoursByGame: {}, totalHours: 0 };

function hoursIn(experience: AgentExperience, game: Game): number {
  return experience.hoursByGame[game] ?? 0;
}

/** Whether the experience meets the requirement; a threshold is met from exactly its number of hours on. */
export function meets(requirement: Requirement, experience: AgentExperience): boolean {
  switch (requirement.kind) {
    case "gameHours":
      return hoursIn(experience, requirement.game) >= requirement.hours;
    case "totalHours":
      return experience.totalHours >= requirement.hours;
    case "gamesWithHours":
      // Only catalogue games count: hours recorded under a retired or unknown name earn nothing.
      return (
        games.filter((game) => hoursIn(experience, game) >= requirement.hours).length >= requirement.games
      );
  }
}

/** The hours a requirement measures, recorded with an award so it can be explained later. */
export function measuredHours(requirement: Requirement, experience: AgentExperience): number {
  return requirement.kind === "gameHours" ? hoursIn(experience, requirement.game) : experience.totalHours;
}

export function describeRequirement(requirement: Requirement): string {
  switch (requirement.kind) {
    case "gameHours":
      return `${requirement.hours} hours in ${gameTitle(requirement.game)}`;
    case "totalHours":
      return `${requirement.hours} hours in all`;
    case "gamesWithHours":
      return `${requirement.hours} hours in each of ${requirement.games} games`;
  }
}

const specialWords: Record<string, string> = { of: "of", ea: "EA", fc: "FC" };

/** `league-of-legends` → `League of Legends`: the catalogue holds ids only, so titles are derived. */
export function gameTitle(game: Game): string {
  return game
    .split("-")
    .map((word) => specialWords[word] ?? word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");
}

interface Rule<Id extends string> {
  id: Id;
  requirement: Requirement;
}

/** The ids of every rule the experience meets, in catalogue order. */
export function earnedIn<Id extends string>(rules: readonly Rule<Id>[], experience: AgentExperience): Id[] {
  return rules.filter((rule) => meets(rule.requirement, experience)).map((rule) => rule.id);
}

/**
 * The ids met after a change and not before it. Losing hours (a corrected session) never shows up here:
 * what was earned stays earned, and awards are only ever added.
 */
export function newlyIn<Id extends string>(
  rules: readonly Rule<Id>[],
  before: AgentExperience,
  after: AgentExperience,
): Id[] {
  const already = new Set(earnedIn(rules, before));
  return earnedIn(rules, after).filter((id) => !already.has(id));
}

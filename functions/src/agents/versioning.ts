import { isDeepStrictEqual } from "node:util";
import type { AgentConfig } from "./schemas.js";

/** How much a configuration change matters to someone who hired the agent before it. */
export type ChangeLevel = "major" | "minor" | "patch";

type SpecialisationField = keyof AgentConfig["specialisation"];
type Classification = { [Field in Exclude<keyof AgentConfig, "specialisation">]: ChangeLevel } & {
  specialisation: { [Field in SpecialisationField]: ChangeLevel };
};

/**
 * Each field's weight. Major: a different brain or a different kind of agent (primary model, how it learns).
 * Minor: new or removed abilities (tools, features, games, languages, fallback model, persona origin).
 * Patch: tuning that keeps what the agent can do (prompt wording, temperature, which voice speaks).
 * The type makes a new config field a compile error here until someone decides its weight.
 */
export const levelByField = {
  primary: "major",
  fallback: "minor",
  temperature: "patch",
  systemPrompt: "patch",
  nationality: "minor",
  languages: "minor",
  voice: "patch",
  features: "minor",
  toolkit: "minor",
  specialisation: { method: "major", games: "minor", focus: "minor" },
} as const satisfies Classification;

const rank: Record<ChangeLevel, number> = { patch: 1, minor: 2, major: 3 };

function larger(a: ChangeLevel | null, b: ChangeLevel): ChangeLevel {
  return a && rank[a] >= rank[b] ? a : b;
}

/** The weightiest change between two configurations; null when they are identical. */
export function changeLevel(before: AgentConfig, after: AgentConfig): ChangeLevel | null {
  let level: ChangeLevel | null = null;
  for (const [field, weight] of Object.entries(levelByField)) {
    const key = field as keyof AgentConfig;
    if (typeof weight === "string") {
      if (!isDeepStrictEqual(before[key], after[key])) level = larger(level, weight);
      continue;
    }
    for (const [inner, innerWeight] of Object.entries(weight)) {
      const innerKey = inner as SpecialisationField;
      if (!isDeepStrictEqual(before.specialisation[innerKey], after.specialisation[innerKey]))
        level = larger(level, innerWeight);
    }
  }
  return level;
}

/** `1.4.2` bumped: major → `2.0.0`, minor → `1.5.0`, patch → `1.4.3`. */
export function bumpVersion(version: string, level: ChangeLevel): string {
  const parts = version.split(".").map(Number);
  const [major = 0, minor = 0, patch = 0] = parts;
  if (parts.length !== 3 || parts.some((part) => !Number.isSafeInteger(part) || part < 0))
    throw new Error(`Not a semantic version: ${version}`);
  if (level === "major") return `${major + 1}.0.0`;
  if (level === "minor") return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/**
 * The version a configuration change produces: the current one bumped by the weightiest change, or the
 * current one itself (`change: null`) when nothing changed.
 */
export function nextVersion(
  current: string,
  before: AgentConfig,
  after: AgentConfig,
): { version: string; change: ChangeLevel | null } {
  const change = changeLevel(before, after);
  return { version: change ? bumpVersion(current, change) : current, change };
}

import { AppError } from "../common/errors.js";
import { games, priceBoundsDof, tools } from "./catalogue.js";
import { type AgentConfig, type AgentIdentity, type AgentPricing, modelIsOffered } from "./schemas.js";

/** One field-level problem, shaped like ApiRouter's zod issues so clients handle both alike. */
export interface Issue {
  path: string;
  code: string;
  message: string;
}

const configPath = "body.config";
const knownTools: ReadonlySet<string> = new Set(tools);
const knownGames: ReadonlySet<string> = new Set(games);

function duplicates(values: readonly string[], path: string, what: string): Issue[] {
  return values.flatMap((value, index) =>
    values.indexOf(value) < index
      ? [{ path: `${path}.${index}`, code: "duplicate", message: `${what} "${value}" is listed twice.` }]
      : [],
  );
}

function unknown(values: readonly string[], known: ReadonlySet<string>, path: string, what: string) {
  return values.flatMap((value, index) =>
    known.has(value)
      ? []
      : [{ path: `${path}.${index}`, code: `unknown_${what}`, message: `There is no ${what} "${value}".` }],
  );
}

function modelIssues(config: AgentConfig): Issue[] {
  const issues: Issue[] = [];
  for (const [name, choice] of [
    ["primary", config.primary],
    ["fallback", config.fallback],
  ] as const)
    if (choice && !modelIsOffered(choice))
      issues.push({
        path: `${configPath}.${name}.model`,
        code: "model_not_offered",
        message: `${choice.provider} does not offer the model "${choice.model}".`,
      });
  const { fallback, primary } = config;
  if (fallback && fallback.provider === primary.provider && fallback.model === primary.model)
    issues.push({
      path: `${configPath}.fallback`,
      code: "fallback_same_as_primary",
      message: "The fallback must differ from the primary model, or it cannot help when the primary fails.",
    });
  return issues;
}

/**
 * A Specialist is sold on the games it knows, so it needs at least one. `path` says where the caller can fix
 * it: the games when the configuration changes, the type when the identity does.
 */
export function specialistIssues(
  config: AgentConfig,
  identity: Pick<AgentIdentity, "type">,
  path = `${configPath}.specialisation.games`,
): Issue[] {
  return identity.type === "Specialist" && config.specialisation.games.length === 0
    ? [{ path, code: "specialist_without_games", message: "A Specialist needs at least one game." }]
    : [];
}

/**
 * Every rule a configuration must meet beyond its shape, checked against the catalogue. Returns all issues
 * at once (empty when valid), with paths as they appear in a request body (`body.config.fallback`).
 */
export function validateConfig(config: AgentConfig, identity: Pick<AgentIdentity, "type">): Issue[] {
  const { toolkit, languages, specialisation, features, voice } = config;
  const issues = [
    ...modelIssues(config),
    ...unknown(toolkit, knownTools, `${configPath}.toolkit`, "tool"),
    ...duplicates(toolkit, `${configPath}.toolkit`, "The tool"),
    ...unknown(specialisation.games, knownGames, `${configPath}.specialisation.games`, "game"),
    ...duplicates(specialisation.games, `${configPath}.specialisation.games`, "The game"),
    ...duplicates(languages, `${configPath}.languages`, "The language"),
    ...specialistIssues(config, identity),
  ];
  if (features.voiceChat && voice === null)
    issues.push({
      path: `${configPath}.voice`,
      code: "voice_chat_without_voice",
      message: "Voice chat needs a voice; choose one or turn voice chat off.",
    });
  return issues;
}

const periods = [
  ["hourly", "hourlyDof"],
  ["daily", "dailyDof"],
  ["weekly", "weeklyDof"],
] as const;

/**
 * Prices within the catalogue's bounds, and longer periods never dearer than the shorter period they
 * contain: a day above 24 hours' price, or a week above 7 days', is a price nobody would pay.
 */
export function validatePricing(pricing: AgentPricing): Issue[] {
  const issues: Issue[] = [];
  for (const [period, field] of periods) {
    const { min, max } = priceBoundsDof[period];
    if (pricing[field] < min || pricing[field] > max)
      issues.push({
        path: `body.pricing.${field}`,
        code: "price_out_of_bounds",
        message: `The ${period} price must be between ${min} and ${max} DOF.`,
      });
  }
  if (pricing.dailyDof > 24 * pricing.hourlyDof)
    issues.push({
      path: "body.pricing.dailyDof",
      code: "price_inconsistent",
      message: "A day may cost at most 24 times the hourly price.",
    });
  if (pricing.weeklyDof > 7 * pricing.dailyDof)
    issues.push({
      path: "body.pricing.weeklyDof",
      code: "price_inconsistent",
      message: "A week may cost at most 7 times the daily price.",
    });
  return issues;
}

/** Answers 400 `invalidArgument` naming every issue, as a zod failure at the boundary would. */
export function rejectIssues(issues: Issue[], message = "The request body is not valid."): void {
  if (issues.length > 0) throw new AppError("invalidArgument", message, { issues });
}

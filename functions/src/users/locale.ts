import { z } from "zod";

// Every officially assigned ISO 3166-1 alpha-2 code (249). A regex alone would take "XX", and ICU's region
// names also cover reserved codes (EU, UK, XK, UN) that are not countries, so the list is spelled out.
const assignedCountryCodes = new Set(
  `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ
  BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR
  CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
  GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU
  ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ
  LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
  MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF
  PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI
  SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR
  TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW`.split(/\s+/),
);

export function isCountryCode(code: string): boolean {
  return assignedCountryCodes.has(code);
}

/** ISO 3166-1 alpha-2, upper case, officially assigned. */
export const CountryCode = z
  .string()
  .refine(isCountryCode, "Use an assigned ISO 3166-1 alpha-2 country code in upper case, e.g. BR.");

// IANA names are `Area/Location[/Sublocation]` or a bare name such as `UTC`; this shape keeps out the UTC
// offsets (`+05:00`) that newer ICU versions also accept as time zones.
const ianaShape = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;

/**
 * ICU's canonical name of an IANA time zone, or undefined when the runtime does not know the zone. Aliases
 * resolve to their canonical zone (`US/Eastern` → `America/New_York`), letter case is normalised.
 */
export function canonicalTimeZone(name: string): string | undefined {
  if (!ianaShape.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** An IANA time zone, stored under its canonical name so every reader sees one spelling per zone. */
export const TimeZoneInput = z
  .string()
  .max(64)
  .transform((name, context) => {
    const canonical = canonicalTimeZone(name);
    if (canonical) return canonical;
    context.addIssue({
      code: "custom",
      message: "Use an IANA time zone name, e.g. Europe/Lisbon.",
    });
    return z.NEVER;
  });

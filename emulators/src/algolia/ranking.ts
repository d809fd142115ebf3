/**
 * Ranking: the index's `ranking` criteria in order. `asc(x)`/`desc(x)` sort by an attribute (a standard
 * replica's exhaustive sort), `attribute` and `exact` use the text match, `custom` applies `customRanking`.
 * `typo`, `geo`, `words`, `filters` and `proximity` never separate two hits here (no typo tolerance, no
 * geo search, every query word is required, no optional filters, no proximity). The objectID breaks
 * the last ties, so pages are stable.
 */
import { defaultRanking, type IndexSettings, parseSortCriterion, type SearchRecord } from "./settings.js";
import type { TextMatch } from "./text-match.js";

export interface RankedHit {
  record: SearchRecord;
  match: TextMatch;
}

type Comparator = (a: RankedHit, b: RankedHit) => number;

function sortValue(record: SearchRecord, attribute: string): number | string | undefined {
  let value: unknown = record;
  for (const key of attribute.split(".")) {
    value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  }
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number" || typeof value === "string") return value;
  return undefined;
}

/** Records without the attribute come last whatever the direction, as at Algolia. */
function byAttribute(attribute: string, direction: "asc" | "desc"): Comparator {
  const sign = direction === "asc" ? 1 : -1;
  return (a, b) => {
    const left = sortValue(a.record, attribute);
    const right = sortValue(b.record, attribute);
    if (left === undefined || right === undefined) {
      return left === right ? 0 : left === undefined ? 1 : -1;
    }
    if (left === right) return 0;
    if (typeof left === "number" && typeof right === "number") return sign * (left - right);
    return sign * String(left).localeCompare(String(right));
  };
}

function customRanking(settings: IndexSettings): Comparator[] {
  const entries = Array.isArray(settings.customRanking) ? (settings.customRanking as string[]) : [];
  return entries.flatMap((entry) => {
    const criterion = parseSortCriterion(entry);
    return criterion ? [byAttribute(criterion.attribute, criterion.direction)] : [];
  });
}

const textual: Record<string, Comparator> = {
  attribute: (a, b) => a.match.attribute - b.match.attribute,
  exact: (a, b) => b.match.exact - a.match.exact,
};

/**
 * The order of hits for an index. For a virtual replica, Algolia's "relevant sort" is approximated by
 * its `customRanking` first, then the textual criteria (as with `relevancyStrictness: 0`).
 */
export function hitComparator(settings: IndexSettings, virtualReplica: boolean): Comparator {
  const ranking = Array.isArray(settings.ranking) ? (settings.ranking as string[]) : defaultRanking;
  const comparators: Comparator[] = virtualReplica ? customRanking(settings) : [];
  for (const criterion of ranking) {
    const sort = parseSortCriterion(criterion);
    if (sort) comparators.push(byAttribute(sort.attribute, sort.direction));
    else if (criterion === "custom" && !virtualReplica) comparators.push(...customRanking(settings));
    else if (textual[criterion]) comparators.push(textual[criterion]);
  }
  return (a, b) => {
    for (const compare of comparators) {
      const order = compare(a, b);
      if (order !== 0) return order;
    }
    return a.record.objectID < b.record.objectID ? -1 : a.record.objectID > b.record.objectID ? 1 : 0;
  };
}

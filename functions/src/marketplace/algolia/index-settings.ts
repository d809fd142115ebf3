import type { Algoliasearch, IndexSettings } from "algoliasearch";
import type { PricePeriod, SearchSort } from "../search-contract.js";
import { algoliaStatus } from "./client.js";

/**
 * The listings index and its sort replicas, as code. Each sort other than relevance reads a standard
 * replica whose ranking starts with that attribute, so the order is exact (a virtual replica only
 * re-ranks the relevant hits, and a price sort that is not strictly by price looks broken). The price
 * costs one replica per period and direction. Standard replicas count as records on Algolia's bill:
 * switching the names in `replicas` to `virtual(…)` trades exactness for records.
 */

const defaultRanking = ["typo", "geo", "words", "filters", "proximity", "attribute", "exact", "custom"];

const shared = {
  // The same words the Firestore backend's keyword tokens hold, in the same priority; games and
  // categories are filters, not text, on both backends.
  searchableAttributes: ["title", "unordered(tags)", "unordered(description)"],
  attributesForFaceting: [
    "searchable(games)",
    "rank",
    "type",
    "searchable(languages)",
    "hasVoiceChat",
    "filterOnly(nationality)",
    "filterOnly(tags)",
    "filterOnly(categories)",
  ],
  customRanking: ["desc(rating)", "desc(recentHires)", "desc(publishedAtMs)"],
} satisfies IndexSettings;

const periods: PricePeriod[] = ["hourly", "daily", "weekly"];

/** Replica suffixes and the attribute each sorts by first. */
const replicaSorts: Record<string, string> = {
  rating_desc: "desc(rating)",
  popularity_desc: "desc(recentHires)",
  newest: "desc(publishedAtMs)",
  ...Object.fromEntries(
    periods.flatMap((period) => [
      [`price_${period}_asc`, `asc(${period}Dof)`],
      [`price_${period}_desc`, `desc(${period}Dof)`],
    ]),
  ),
};

/** The index that answers a sort: the primary for relevance, else its replica. */
export function indexForSort(primary: string, sort: SearchSort, period: PricePeriod): string {
  switch (sort) {
    case "relevance":
      return primary;
    case "rating":
      return `${primary}_rating_desc`;
    case "popularity":
      return `${primary}_popularity_desc`;
    case "newest":
      return `${primary}_newest`;
    case "price_asc":
      return `${primary}_price_${period}_asc`;
    case "price_desc":
      return `${primary}_price_${period}_desc`;
  }
}

/** Every index's wanted settings, the primary first (its `replicas` setting creates the others). */
export function desiredSettings(primary: string): [string, IndexSettings][] {
  const replicas = Object.keys(replicaSorts).map((suffix) => `${primary}_${suffix}`);
  return [
    [primary, { ...shared, ranking: defaultRanking, replicas }],
    ...Object.entries(replicaSorts).map(([suffix, sort]): [string, IndexSettings] => [
      `${primary}_${suffix}`,
      { ...shared, ranking: [sort, ...defaultRanking] },
    ]),
  ];
}

function differs(wanted: IndexSettings, current: IndexSettings | undefined): boolean {
  if (!current) return true;
  return Object.entries(wanted).some(
    ([key, value]) => JSON.stringify(current[key as keyof IndexSettings]) !== JSON.stringify(value),
  );
}

/**
 * Brings the index and its replicas to the settings above and returns the names it changed. Idempotent:
 * an index already as wanted is not written (a settings change can make Algolia rebuild the index).
 */
export async function ensureIndexSettings(client: Algoliasearch, primary: string): Promise<string[]> {
  const changed: string[] = [];
  for (const [indexName, wanted] of desiredSettings(primary)) {
    const current = await client.getSettings({ indexName }).catch((error: unknown) => {
      if (algoliaStatus(error) === 404) return undefined;
      throw error;
    });
    if (!differs(wanted, current)) continue;
    const { taskID } = await client.setSettings({ indexName, indexSettings: wanted });
    // Replicas exist once the primary's task is done; their own settings must not race it.
    if (indexName === primary) await client.waitForTask({ indexName, taskID });
    changed.push(indexName);
  }
  return changed;
}

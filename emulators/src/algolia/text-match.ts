/**
 * Full-text matching, simplified: the query and the searchable attributes are split into words (case and
 * accents folded); every query word must match a word of some searchable attribute, exactly or as a prefix
 * as `queryType` says (Algolia's default `prefixLast`: only the last word may be a prefix). No typo
 * tolerance, synonyms, stop words or proximity: a misspelt word finds nothing here.
 */
import { type IndexSettings, type SearchRecord, searchableAttributes, valuesAt } from "./settings.js";

export type QueryType = "prefixLast" | "prefixAll" | "prefixNone";

/** How a record matched, for the textual ranking criteria. */
export interface TextMatch {
  /** The best (lowest) searchable-attribute priority any query word matched in. */
  attribute: number;
  /** Query words matched as whole words rather than as prefixes. */
  exact: number;
}

export function words(text: string): string[] {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value === "number") return [String(value)];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(stringsIn);
  return [];
}

export interface PreparedQuery {
  words: string[];
  /** Whether word i may match as a prefix. */
  prefix: boolean[];
}

export function prepareQuery(query: string, queryType: QueryType): PreparedQuery {
  const queryWords = words(query);
  // A trailing space means the user finished the last word: Algolia then stops treating it as a prefix.
  const lastIsOpen = !/\s$/.test(query);
  const prefix = queryWords.map(
    (_, index) =>
      queryType === "prefixAll" ||
      (queryType === "prefixLast" && index === queryWords.length - 1 && lastIsOpen),
  );
  return { words: queryWords, prefix };
}

/** How the record matches the query, or undefined when some query word is nowhere in it. */
export function matchRecord(
  query: PreparedQuery,
  record: SearchRecord,
  settings: IndexSettings,
): TextMatch | undefined {
  if (query.words.length === 0) return { attribute: 0, exact: 0 };
  const fields = searchableAttributes(settings, record).map(({ attribute, priority }) => ({
    priority,
    words: valuesAt(record, attribute).flatMap(stringsIn).flatMap(words),
  }));
  let attribute = Number.POSITIVE_INFINITY;
  let exact = 0;
  for (const [index, queryWord] of query.words.entries()) {
    let matched = false;
    let matchedExactly = false;
    for (const field of fields) {
      for (const word of field.words) {
        const isExact = word === queryWord;
        if (!isExact && !(query.prefix[index] && word.startsWith(queryWord))) continue;
        matched = true;
        matchedExactly ||= isExact;
        attribute = Math.min(attribute, field.priority);
      }
    }
    if (!matched) return undefined;
    if (matchedExactly) exact++;
  }
  return { attribute, exact };
}

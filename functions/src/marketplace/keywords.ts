/**
 * Keyword tokens let Firestore find listings by text with one `array-contains`: each listing stores the
 * folded words of its title, tags and description, and every prefix of each word from two characters, so a
 * query word matches any word it begins ("strat" finds "strategy").
 */

/** Prefixes longer than this are not stored; a longer query word is looked up by its first 15 characters. */
export const maxPrefixLength = 15;
/** Words are cut to this length, so a pasted URL or hash cannot fill the token list. */
export const maxWordLength = 40;
/** Tokens per listing. Title and tags come first, so only the tail of a long description can fall off. */
export const maxKeywordTokens = 400;

/** Lower-cased, accent-folded ("Estratégia" → "estrategia") words of a text, one-character words dropped. */
export function wordsOf(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 2)
    .map((word) => word.slice(0, maxWordLength));
}

function tokensOfWord(word: string): string[] {
  const tokens = [word];
  for (let length = 2; length < word.length && length <= maxPrefixLength; length++)
    tokens.push(word.slice(0, length));
  return tokens;
}

/**
 * The tokens stored on a listing: every word of the title, tags and description (in that order of
 * priority), each with its prefixes of length 2 to 15, deduplicated and capped at 400.
 */
export function keywordTokensOf(listing: { title: string; tags: string[]; description: string }): string[] {
  const words = [
    ...wordsOf(listing.title),
    ...listing.tags.flatMap(wordsOf),
    ...wordsOf(listing.description),
  ];
  const tokens = new Set<string>();
  for (const word of words) {
    for (const token of tokensOfWord(word)) {
      if (tokens.size >= maxKeywordTokens) return [...tokens];
      tokens.add(token);
    }
  }
  return [...tokens];
}

/** The distinct words of a search text, longest first (a longer word is usually the rarer one). */
export function queryWordsOf(text: string | undefined): string[] {
  const words = [...new Set(wordsOf(text ?? ""))];
  return words.sort((a, b) => b.length - a.length || a.localeCompare(b));
}

/** The stored token a query word is found by: the word itself, or its longest stored prefix. */
export function tokenFor(queryWord: string): string {
  return queryWord.slice(0, maxPrefixLength);
}

/** Reading `database.rules.json`: JSON that may contain comments, with a top-level "rules". */

export class RulesError extends Error {}

/** Drops // and /* *\/ comments outside string literals, keeping line numbers intact. */
export function stripJsonComments(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const char = text[i] as string;
    if (char === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      out += text.slice(i, end + 1);
      i = end + 1;
    } else if (text.startsWith("//", i)) {
      while (i < text.length && text[i] !== "\n") i += 1;
    } else if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      const comment = text.slice(i, end === -1 ? text.length : end + 2);
      out += comment.replace(/[^\n]/g, " ");
      i += comment.length;
    } else {
      out += char;
      i += 1;
    }
  }
  return out;
}

export function parseRulesJson(source: string): unknown {
  let parsed: unknown;
  try {
    // Trailing commas are tolerated by the production rules parser; JSON.parse is not.
    parsed = JSON.parse(stripJsonComments(source).replace(/,(\s*[}\]])/g, "$1"));
  } catch (error) {
    throw new RulesError(`Rules are not valid JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== "object" || !("rules" in parsed)) {
    throw new RulesError('Rules must be an object with a top-level "rules" key');
  }
  return (parsed as { rules: unknown }).rules;
}

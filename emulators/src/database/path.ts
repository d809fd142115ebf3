/** Database paths: parsed once into segments, printed in the SDK's canonical "/a/b" form. */
import { isValidKey } from "./tree.js";

export class InvalidPathError extends Error {}

export function parsePath(raw: string): string[] {
  const segments = raw.split("/").filter((segment) => segment.length > 0);
  segments.forEach((segment, index) => {
    const isPriority = segment === ".priority" && index === segments.length - 1;
    if (!isPriority && !isValidKey(segment)) {
      throw new InvalidPathError(`Invalid path "${raw}": segment "${segment}" is not a valid key`);
    }
  });
  if (segments.length > 32) throw new InvalidPathError(`Invalid path "${raw}": deeper than 32 levels`);
  return segments;
}

export function pathToString(segments: readonly string[]): string {
  return `/${segments.join("/")}`;
}

export function isPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  if (prefix.length > path.length) return false;
  return prefix.every((segment, index) => path[index] === segment);
}

/**
 * The fields of `source` named in `mask` (a zod `pick` mask): views and records take their fields from the
 * document's one schema through the same mask, so adding a field to a view is one entry there.
 */
export function pick<T extends object, const K extends keyof T>(
  source: T,
  mask: { readonly [key in K]: true },
): Pick<T, K> {
  const picked = {} as Pick<T, K>;
  for (const key of Object.keys(mask) as K[]) picked[key] = source[key];
  return picked;
}

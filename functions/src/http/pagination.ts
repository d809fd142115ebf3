import { FieldPath, type OrderByDirection, type Query, Timestamp } from "firebase-admin/firestore";
import { z } from "zod";
import { AppError } from "../common/errors.js";

export const maxPageSize = 100;

/** `limit` and `cursor` for every list route; extend it with the route's own filters. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(maxPageSize).default(20),
  cursor: z.string().max(1000).optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export const pageOf = <Item extends z.ZodType>(item: Item) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

type CursorValue = string | number | boolean | null | { ts: number };

function encode(values: unknown[]): string {
  const plain = values.map((value) => (value instanceof Timestamp ? { ts: value.toMillis() } : value));
  return Buffer.from(JSON.stringify(plain)).toString("base64url");
}

function decode(cursor: string, expected: number): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as CursorValue[];
    if (Array.isArray(values) && values.length === expected)
      return values.map((value) =>
        typeof value === "object" && value !== null && typeof value.ts === "number"
          ? Timestamp.fromMillis(value.ts)
          : value,
      );
  } catch {
    // Falls through to the same answer as a well-formed cursor of the wrong shape.
  }
  throw new AppError("invalidArgument", "The cursor is not valid for this list.", {
    issues: [{ path: "query.cursor", code: "invalid_cursor", message: "Use a nextCursor from this list." }],
  });
}

export interface OrderField {
  field: string;
  direction: OrderByDirection;
}

/**
 * Runs one page of `query` in the given order, with the document id as the final tie-breaker so a cursor
 * is exact even when many items share a value. The id is ordered in the direction of the last field, which
 * is the implicit order Firestore's indexes already have: no extra index is needed for it.
 */
export async function paginate<T>(
  query: Query<T>,
  order: OrderField[],
  page: PageQuery,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const lastDirection = order.at(-1)?.direction ?? "asc";
  let ordered = query;
  for (const { field, direction } of order) ordered = ordered.orderBy(field, direction);
  ordered = ordered.orderBy(FieldPath.documentId(), lastDirection);
  if (page.cursor) ordered = ordered.startAfter(...decode(page.cursor, order.length + 1));
  const snapshot = await ordered.limit(page.limit + 1).get();
  const docs = snapshot.docs.slice(0, page.limit);
  const last = docs.at(-1);
  const nextCursor =
    snapshot.docs.length > page.limit && last
      ? encode([...order.map(({ field }) => last.get(field)), last.id])
      : null;
  return { items: docs.map((doc) => doc.data()), nextCursor };
}

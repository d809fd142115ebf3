/** The `query` variable of read rules (query-based rules), derived from a listen's query. */
import type { QuerySpec } from "./query.js";
import type { Json } from "./tree.js";

export function queryRuleVariable(spec: QuerySpec | undefined): Record<string, unknown> {
  const index = spec?.index;
  const equal =
    spec?.start !== undefined &&
    spec.end !== undefined &&
    spec.start.inclusive &&
    spec.end.inclusive &&
    spec.start.value === spec.end.value;
  const bound = (value: Json | undefined) => (value === undefined ? null : value);
  return {
    orderByKey: index?.kind === "key",
    orderByValue: index?.kind === "value",
    orderByPriority:
      index?.kind === "priority" &&
      spec !== undefined &&
      (spec.start || spec.end || spec.limit) !== undefined,
    orderByChild: index?.kind === "child" ? index.raw : null,
    startAt: bound(spec?.start?.value),
    endAt: bound(spec?.end?.value),
    equalTo: equal ? bound(spec?.start?.value) : null,
    limitToFirst: spec?.limit !== undefined && !spec.fromRight ? spec.limit : null,
    limitToLast: spec?.limit !== undefined && spec.fromRight ? spec.limit : null,
  };
}

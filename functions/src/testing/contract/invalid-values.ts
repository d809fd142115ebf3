import type { JsonSchema } from "./openapi-operations.js";

type JsonType = "string" | "number" | "integer" | "boolean" | "null" | "array" | "object";

const sampleOfType: Record<JsonType, unknown> = {
  string: "fuzz",
  number: 12.5,
  integer: 7,
  boolean: true,
  null: null,
  array: [],
  object: {},
};

function typeOf(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value as JsonType;
}

/** Whether any value of this JSON type could satisfy the schema, as far as its declared types tell. */
function admitsType(schema: JsonSchema, type: JsonType): boolean {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.some((alternative) => admitsType(alternative, type));
  if (schema.enum) return schema.enum.some((value) => typeOf(value) === type);
  if ("const" in schema) return typeOf(schema.const) === type;
  if (schema.type === undefined) return true;
  const declared = Array.isArray(schema.type) ? schema.type : [schema.type];
  return declared.some((name) => name === type || (name === "number" && type === "integer"));
}

/** Values that break the schema: of a type it does not take, or just past one of its bounds. */
export function invalidValues(schema: JsonSchema): unknown[] {
  const values = (Object.keys(sampleOfType) as JsonType[])
    .filter((type) => !admitsType(schema, type))
    .map((type) => sampleOfType[type]);
  if (schema.enum?.every((value) => typeof value === "string")) values.push("not-one-of-the-options");
  if (schema.maximum !== undefined) values.push(schema.maximum + 1);
  if (schema.exclusiveMaximum !== undefined) values.push(schema.exclusiveMaximum);
  if (schema.minimum !== undefined) values.push(schema.minimum - 1);
  if (schema.exclusiveMinimum !== undefined) values.push(schema.exclusiveMinimum);
  if (schema.maxLength !== undefined) values.push("x".repeat(schema.maxLength + 1));
  if (schema.maxItems !== undefined && schema.items)
    values.push(Array.from({ length: schema.maxItems + 1 }, () => null));
  return values;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Bodies that a route must refuse, each one mistake away from `valid`: the whole body of the wrong kind,
 * each required field missing, each field (and each field of a nested object) given an invalid value, and
 * an unknown field where the schema is strict.
 */
export function invalidBodies(schema: JsonSchema, valid: unknown): { label: string; body: unknown }[] {
  // Only an array: a bare JSON string or number is refused by Cloud Functions' own body parser (a 400 of
  // the platform's, before our app runs), so it says nothing about our validation.
  const cases: { label: string; body: unknown }[] = [{ label: "an array body", body: [] }];
  if (!isObject(valid)) return cases;
  const mutate = (
    prefix: string,
    objectSchema: JsonSchema,
    value: Record<string, unknown>,
    wrap: (changed: Record<string, unknown>) => unknown,
  ) => {
    for (const name of objectSchema.required ?? []) {
      const { [name]: _removed, ...rest } = value;
      cases.push({ label: `without ${prefix}${name}`, body: wrap(rest) });
    }
    if (objectSchema.additionalProperties === false)
      cases.push({
        label: `with an unknown field in ${prefix || "the body"}`,
        body: wrap({ ...value, zzUnknown: 1 }),
      });
    for (const [name, property] of Object.entries(objectSchema.properties ?? {})) {
      for (const invalid of invalidValues(property))
        cases.push({
          label: `${prefix}${name} = ${JSON.stringify(invalid).slice(0, 40)}`,
          body: wrap({ ...value, [name]: invalid }),
        });
      const nested = value[name];
      if (prefix === "" && property.properties && isObject(nested))
        mutate(`${name}.`, property, nested, (changed) => wrap({ ...value, [name]: changed }));
    }
  };
  mutate("", schema, valid, (changed) => changed);
  return cases;
}

/** Query strings a route must refuse: each parameter invalid, or repeated where it takes one value. */
export function invalidQueries(
  parameters: { name: string; schema: JsonSchema }[],
): { label: string; query: string }[] {
  const cases: { label: string; query: string }[] = [];
  for (const { name, schema } of parameters) {
    // Every query value arrives as a string: only what no string form of the schema's type can be is invalid.
    const candidates: string[] = [];
    const numeric = admitsType(schema, "number") && !admitsType(schema, "array");
    if (numeric && !admitsType(schema, "string") && !admitsType(schema, "boolean"))
      candidates.push("not-a-number");
    if (admitsType(schema, "integer") && !admitsType(schema, "number")) candidates.push("1.5");
    if (schema.enum?.every((value) => typeof value === "string")) candidates.push("not-one-of-the-options");
    for (const bound of [schema.maximum, schema.minimum, schema.exclusiveMaximum, schema.exclusiveMinimum])
      if (bound !== undefined && Number.isSafeInteger(bound)) {
        if (bound === schema.maximum) candidates.push(String(bound + 1));
        else if (bound === schema.minimum) candidates.push(String(bound - 1));
        else candidates.push(String(bound));
      }
    if (schema.maxLength !== undefined) candidates.push("x".repeat(schema.maxLength + 1));
    for (const value of candidates)
      cases.push({ label: `${name}=${value.slice(0, 30)}`, query: `${name}=${encodeURIComponent(value)}` });
    if (!admitsType(schema, "array")) cases.push({ label: `${name} repeated`, query: `${name}=a&${name}=b` });
  }
  return cases;
}

// The REST API and WebChannel carry Firestore messages in the proto3 JSON mapping
// (https://protobuf.dev/programming-guides/json/). protobufjs' fromObject does not speak that mapping
// for well-known types — a Timestamp is an RFC 3339 string there, a wrapper such as Int32Value a bare
// number, a Struct a plain object — so this converts JSON to the objects fromObject expects and
// encodes them: the gRPC interceptors then check and bill REST and WebChannel calls on the same bytes
// as gRPC ones. int64 as strings, bytes as base64 and enums as names fromObject already accepts.
import protobuf from "protobufjs";
import type { Plain } from "./protos.js";

const WRAPPERS = new Set(
  ["Double", "Float", "Int64", "UInt64", "Int32", "UInt32", "Bool", "String", "Bytes"].map(
    (name) => `.google.protobuf.${name}Value`,
  ),
);

const RFC3339 = /^(\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/i;

/** "2024-01-01T00:00:00.5Z" → { seconds: 1704067200, nanos: 500000000 } */
export function timestampFromRfc3339(text: string): { seconds: number; nanos: number } {
  const match = RFC3339.exec(text);
  if (!match) throw new Error(`not an RFC 3339 timestamp: ${text}`);
  const millis = Date.parse(`${match[1]}${match[3]}`);
  return { seconds: Math.floor(millis / 1000), nanos: Number((match[2] ?? "").padEnd(9, "0")) };
}

/** "1.5s" → { seconds: 1, nanos: 500000000 } */
function durationFromJson(text: string): { seconds: number; nanos: number } {
  const [whole = "0", fraction = ""] = text.replace(/s$/, "").split(".");
  const sign = whole.startsWith("-") ? -1 : 1;
  return { seconds: Number(whole), nanos: sign * Number(fraction.padEnd(9, "0").slice(0, 9)) };
}

function structValue(value: unknown): Plain {
  if (value === null) return { nullValue: 0 };
  if (Array.isArray(value)) return { listValue: { values: value.map(structValue) } };
  if (typeof value === "object") return { structValue: structFields(value as Plain) };
  if (typeof value === "number") return { numberValue: value };
  if (typeof value === "boolean") return { boolValue: value };
  return { stringValue: String(value) };
}

function structFields(object: Plain): Plain {
  return { fields: Object.fromEntries(Object.entries(object).map(([key, v]) => [key, structValue(v)])) };
}

function convert(field: protobuf.Field, value: unknown): unknown {
  const resolved = field.resolve().resolvedType;
  if (resolved instanceof protobuf.Enum) return value === null ? 0 : value; // NullValue is JSON null
  if (!(resolved instanceof protobuf.Type)) return value;
  const name = resolved.fullName;
  if (name === ".google.protobuf.Timestamp") return timestampFromRfc3339(String(value));
  if (name === ".google.protobuf.Duration") return durationFromJson(String(value));
  if (WRAPPERS.has(name)) return { value };
  if (name === ".google.protobuf.Struct") return structFields(value as Plain);
  if (name === ".google.protobuf.Value") return structValue(value);
  if (name === ".google.protobuf.ListValue") return { values: (value as unknown[]).map(structValue) };
  // An Any names its type in "@type"; the guard never reads one (error details), so it stays empty.
  if (name === ".google.protobuf.Any") return {};
  return fromProto3Json(resolved, value);
}

const camelCase = (name: string): string =>
  name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** A proto3 JSON value of `type` as the plain object protobufjs' fromObject reads. */
export function fromProto3Json(type: protobuf.Type, json: unknown): Plain {
  const out: Plain = {};
  if (typeof json !== "object" || json === null) return out;
  for (const [key, value] of Object.entries(json)) {
    const field = type.fields[key] ?? type.fields[camelCase(key)];
    // JSON null means "default" for every field except a NullValue enum (Value.nullValue).
    if (!field || (value === null && field.type !== "google.protobuf.NullValue")) continue;
    if (field.map) {
      const entries = Object.entries((value ?? {}) as Plain);
      out[field.name] = Object.fromEntries(entries.map(([k, v]) => [k, convert(field, v)]));
    } else if (field.repeated) {
      out[field.name] = (Array.isArray(value) ? value : []).map((item) => convert(field, item));
    } else out[field.name] = convert(field, value);
  }
  return out;
}

/** Encodes a proto3 JSON message as protobuf bytes. */
export function encodeProto3Json(type: protobuf.Type, json: unknown): Uint8Array {
  return type.encode(type.fromObject(fromProto3Json(type, json))).finish();
}

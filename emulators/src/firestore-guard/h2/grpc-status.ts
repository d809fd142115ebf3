// The gRPC status a call ends with, as header fields (https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md).
import type { HeaderField } from "./hpack.js";

/**
 * grpc-message is percent-encoded, but only outside printable ASCII and for "%" itself
 * ("Status-Message" in the protocol document); clients decode with decodeURI-like rules, so encoding
 * ":" or "," would leave them escaped.
 */
export function grpcPercentEncode(message: string): string {
  let out = "";
  for (const byte of Buffer.from(message, "utf8")) {
    out +=
      byte >= 0x20 && byte <= 0x7e && byte !== 0x25
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

const field = (name: string, value: string): HeaderField => ({ name, value, sensitive: false });

export const GRPC_RESPONSE_HEADERS: readonly HeaderField[] = [
  field(":status", "200"),
  field("content-type", "application/grpc"),
];

export function grpcStatusFields(code: number, message: string): HeaderField[] {
  return [field("grpc-status", String(code)), field("grpc-message", grpcPercentEncode(message))];
}

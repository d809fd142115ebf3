// A minimal protobuf wire-format scanner. Counting documents in a RunQuery or BatchGetDocuments
// response only needs to know which top-level fields are present, so the guard skips over the
// (possibly large) document bytes instead of decoding them.

export interface TopLevelField {
  field: number;
  /** Set for varint fields (wire type 0). */
  varint?: number;
  /** Set for length-delimited fields (wire type 2): a view of the field's bytes. */
  bytes?: Uint8Array;
}

function readVarint(buf: Uint8Array, start: number): { value: number; next: number } {
  let value = 0;
  let multiplier = 1;
  let offset = start;
  for (;;) {
    const byte = buf[offset];
    if (byte === undefined) throw new Error("truncated varint");
    offset += 1;
    value += (byte & 0x7f) * multiplier;
    if (byte < 0x80) return { value, next: offset };
    multiplier *= 128;
  }
}

export function scanTopLevelFields(buf: Uint8Array): TopLevelField[] {
  const fields: TopLevelField[] = [];
  let offset = 0;
  while (offset < buf.length) {
    const key = readVarint(buf, offset);
    offset = key.next;
    const field = Math.floor(key.value / 8);
    const wireType = key.value % 8;
    if (wireType === 0) {
      const value = readVarint(buf, offset);
      fields.push({ field, varint: value.value });
      offset = value.next;
    } else if (wireType === 1) {
      fields.push({ field });
      offset += 8;
    } else if (wireType === 2) {
      const length = readVarint(buf, offset);
      fields.push({ field, bytes: buf.subarray(length.next, length.next + length.value) });
      offset = length.next + length.value;
    } else if (wireType === 5) {
      fields.push({ field });
      offset += 4;
    } else {
      throw new Error(`unsupported wire type ${wireType}`);
    }
  }
  return fields;
}

// HPACK header compression (RFC 7541), as much as a relay needs: a full decoder (static and dynamic
// tables, Huffman strings) to read each side's header blocks, and an encoder that never touches the
// dynamic table, so blocks the guard writes itself cannot disturb the peer's decoding state.
import { huffmanDecode } from "./huffman.js";

export interface HeaderField {
  name: string;
  value: string;
  /** Sent as "never indexed" (RFC 7541 §6.2.3): intermediaries must keep it that way. */
  sensitive: boolean;
}

export function headerValue(fields: readonly HeaderField[], name: string): string | undefined {
  return fields.find((f) => f.name === name)?.value;
}

/** RFC 7541 Appendix A; index 1 is the first entry. */
const STATIC_TABLE: ReadonlyArray<readonly [string, string]> = [
  [":authority", ""],
  [":method", "GET"],
  [":method", "POST"],
  [":path", "/"],
  [":path", "/index.html"],
  [":scheme", "http"],
  [":scheme", "https"],
  [":status", "200"],
  [":status", "204"],
  [":status", "206"],
  [":status", "304"],
  [":status", "400"],
  [":status", "404"],
  [":status", "500"],
  ["accept-charset", ""],
  ["accept-encoding", "gzip, deflate"],
  ["accept-language", ""],
  ["accept-ranges", ""],
  ["accept", ""],
  ["access-control-allow-origin", ""],
  ["age", ""],
  ["allow", ""],
  ["authorization", ""],
  ["cache-control", ""],
  ["content-disposition", ""],
  ["content-encoding", ""],
  ["content-language", ""],
  ["content-length", ""],
  ["content-location", ""],
  ["content-range", ""],
  ["content-type", ""],
  ["cookie", ""],
  ["date", ""],
  ["etag", ""],
  ["expect", ""],
  ["expires", ""],
  ["from", ""],
  ["host", ""],
  ["if-match", ""],
  ["if-modified-since", ""],
  ["if-none-match", ""],
  ["if-range", ""],
  ["if-unmodified-since", ""],
  ["last-modified", ""],
  ["link", ""],
  ["location", ""],
  ["max-forwards", ""],
  ["proxy-authenticate", ""],
  ["proxy-authorization", ""],
  ["range", ""],
  ["referer", ""],
  ["refresh", ""],
  ["retry-after", ""],
  ["server", ""],
  ["set-cookie", ""],
  ["strict-transport-security", ""],
  ["transfer-encoding", ""],
  ["user-agent", ""],
  ["vary", ""],
  ["via", ""],
  ["www-authenticate", ""],
];

/** Each dynamic entry costs its name and value octets plus 32 (RFC 7541 §4.1). */
const ENTRY_OVERHEAD = 32;
const DEFAULT_TABLE_SIZE = 4096;

export class HpackDecoder {
  /**
   * The dynamic table size updates of the last block. A relay that re-encodes a block repeats them:
   * a peer that lowered its table size expects to see the update (RFC 7541 §4.2).
   */
  tableSizeUpdates: number[] = [];
  /** Newest first, as indexed (RFC 7541 §2.3.3). */
  private dynamic: Array<readonly [string, string]> = [];
  private size = 0;
  private maxSize = DEFAULT_TABLE_SIZE;
  private offset = 0;
  private block: Buffer = Buffer.alloc(0);

  /** Decodes one complete header block; throws on malformed input (a connection error). */
  decode(block: Buffer): HeaderField[] {
    this.block = block;
    this.offset = 0;
    this.tableSizeUpdates = [];
    const fields: HeaderField[] = [];
    while (this.offset < block.length) {
      const first = block[this.offset] as number;
      if (first & 0x80) {
        const [name, value] = this.entry(this.integer(7));
        fields.push({ name, value, sensitive: false });
      } else if (first & 0x40) {
        const field = this.literal(6, false);
        this.insert(field.name, field.value);
        fields.push(field);
      } else if (first & 0x20) {
        this.maxSize = this.integer(5);
        this.evictTo(this.maxSize);
        this.tableSizeUpdates.push(this.maxSize);
      } else {
        fields.push(this.literal(4, (first & 0x10) !== 0));
      }
    }
    return fields;
  }

  private literal(prefixBits: number, sensitive: boolean): HeaderField {
    const index = this.integer(prefixBits);
    const name = index === 0 ? this.string() : this.entry(index)[0];
    return { name, value: this.string(), sensitive };
  }

  private entry(index: number): readonly [string, string] {
    const entry =
      index <= STATIC_TABLE.length ? STATIC_TABLE[index - 1] : this.dynamic[index - STATIC_TABLE.length - 1];
    if (index === 0 || !entry) throw new Error(`hpack: no table entry ${index}`);
    return entry;
  }

  private insert(name: string, value: string): void {
    const cost = name.length + value.length + ENTRY_OVERHEAD;
    this.evictTo(this.maxSize - cost);
    // An entry larger than the table empties it and is not added (RFC 7541 §4.4).
    if (cost > this.maxSize) return;
    this.dynamic.unshift([name, value]);
    this.size += cost;
  }

  private evictTo(limit: number): void {
    while (this.size > Math.max(limit, 0)) {
      const [name, value] = this.dynamic.pop() as readonly [string, string];
      this.size -= name.length + value.length + ENTRY_OVERHEAD;
    }
  }

  /** RFC 7541 §5.1: an N-bit prefix, then 7 bits per continuation byte, least significant first. */
  private integer(prefixBits: number): number {
    const max = (1 << prefixBits) - 1;
    let value = this.byte() & max;
    if (value < max) return value;
    let shift = 0;
    let next: number;
    do {
      next = this.byte();
      value += (next & 0x7f) * 2 ** shift;
      shift += 7;
      if (shift > 28) throw new Error("hpack: integer too large");
    } while (next & 0x80);
    return value;
  }

  /** RFC 7541 §5.2; header octets are kept as latin1 so they pass through byte for byte. */
  private string(): string {
    const huffman = ((this.block[this.offset] as number) & 0x80) !== 0;
    const length = this.integer(7);
    if (this.offset + length > this.block.length) throw new Error("hpack: string past the block");
    const raw = this.block.subarray(this.offset, this.offset + length);
    this.offset += length;
    return (huffman ? huffmanDecode(raw) : raw).toString("latin1");
  }

  private byte(): number {
    if (this.offset >= this.block.length) throw new Error("hpack: truncated block");
    const value = this.block[this.offset] as number;
    this.offset += 1;
    return value;
  }
}

const STATIC_NAME_INDEX = new Map<string, number>();
STATIC_TABLE.forEach(([name], i) => {
  if (!STATIC_NAME_INDEX.has(name)) STATIC_NAME_INDEX.set(name, i + 1);
});

/**
 * Encodes fields as literals without indexing (or never indexed), names by static index where one
 * exists, strings uncompressed: nothing enters the peer's dynamic table.
 */
export function encodeHeaderBlock(
  fields: readonly HeaderField[],
  tableSizeUpdates: readonly number[] = [],
): Buffer {
  const parts: number[] = [];
  for (const size of tableSizeUpdates) writeInteger(parts, size, 5, 0x20);
  for (const { name, value, sensitive } of fields) {
    const pattern = sensitive ? 0x10 : 0x00;
    const nameIndex = STATIC_NAME_INDEX.get(name) ?? 0;
    writeInteger(parts, nameIndex, 4, pattern);
    if (nameIndex === 0) writeString(parts, name);
    writeString(parts, value);
  }
  return Buffer.from(parts);
}

function writeInteger(out: number[], value: number, prefixBits: number, pattern: number): void {
  const max = (1 << prefixBits) - 1;
  if (value < max) {
    out.push(pattern | value);
    return;
  }
  out.push(pattern | max);
  let rest = value - max;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

function writeString(out: number[], value: string): void {
  const bytes = Buffer.from(value, "latin1");
  writeInteger(out, bytes.length, 7, 0x00);
  for (const byte of bytes) out.push(byte);
}

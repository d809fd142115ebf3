// HPACK against the examples of RFC 7541 Appendix C, and the guard's encoder against its decoder.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { encodeHeaderBlock, HpackDecoder } from "./hpack.js";
import { huffmanDecode } from "./huffman.js";

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ""), "hex");
const pairs = (decoder: HpackDecoder, block: string) =>
  decoder.decode(hex(block)).map((f) => [f.name, f.value]);

describe("hpack", () => {
  test("RFC 7541 C.4: three requests with Huffman strings and a dynamic table", () => {
    const decoder = new HpackDecoder();
    assert.deepEqual(pairs(decoder, "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff"), [
      [":method", "GET"],
      [":scheme", "http"],
      [":path", "/"],
      [":authority", "www.example.com"],
    ]);
    assert.deepEqual(pairs(decoder, "8286 84be 5886 a8eb 1064 9cbf"), [
      [":method", "GET"],
      [":scheme", "http"],
      [":path", "/"],
      [":authority", "www.example.com"],
      ["cache-control", "no-cache"],
    ]);
    assert.deepEqual(pairs(decoder, "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf"), [
      [":method", "GET"],
      [":scheme", "https"],
      [":path", "/index.html"],
      [":authority", "www.example.com"],
      ["custom-key", "custom-value"],
    ]);
  });

  test("Huffman: the RFC's example decodes; padding that is not a prefix of EOS is refused", () => {
    assert.equal(huffmanDecode(hex("f1e3 c2e5 f23a 6ba0 ab90 f4ff")).toString(), "www.example.com");
    assert.equal(huffmanDecode(hex("a8eb 1064 9cbf")).toString(), "no-cache");
    // "0" is 00000 (5 bits); padding must be ones: 00000|111 is right, 00000|000 is not.
    assert.equal(huffmanDecode(Buffer.from([0b00000111])).toString(), "0");
    assert.throws(() => huffmanDecode(Buffer.from([0b00000000])), /padding/);
    assert.throws(() => huffmanDecode(Buffer.from([0xff, 0xff, 0xff, 0xff])), /EOS|padding/);
  });

  test("blocks the guard encodes decode to the same fields, never-indexed kept, table untouched", () => {
    const fields = [
      { name: ":status", value: "200", sensitive: false },
      { name: "content-type", value: "application/grpc", sensitive: false },
      { name: "x-token", value: "s3cr3t", sensitive: true },
      { name: "x-long", value: "v".repeat(5000), sensitive: false },
      { name: "x-latin1", value: "\u00ff\u0080 é", sensitive: false },
    ];
    const decoder = new HpackDecoder();
    const block = encodeHeaderBlock(fields, [0, 4096]);
    assert.deepEqual(decoder.decode(block), fields);
    assert.deepEqual(decoder.tableSizeUpdates, [0, 4096]);
    // Nothing entered the dynamic table: index 62 (its first entry) does not exist.
    assert.throws(() => decoder.decode(Buffer.from([0x80 | 62])), /no table entry 62/);
  });

  test("entries are evicted oldest first when the table is full (RFC 7541 §4.4)", () => {
    const decoder = new HpackDecoder();
    // Table size 100; two entries of 32 + 1 + 40 = 73 octets cannot both fit.
    const insert = (name: string) =>
      Buffer.concat([Buffer.from([0x40, 1]), Buffer.from(name), Buffer.from([40]), Buffer.alloc(40, 0x61)]);
    decoder.decode(Buffer.concat([Buffer.from([0x3f, 0x45]), insert("a"), insert("b")]));
    assert.deepEqual(
      decoder.decode(Buffer.from([0x80 | 62])).map((f) => f.name),
      ["b"],
    );
    assert.throws(() => decoder.decode(Buffer.from([0x80 | 63])), /no table entry 63/);
  });
});

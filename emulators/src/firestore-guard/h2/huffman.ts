// The static Huffman code of HPACK (RFC 7541 §5.2, Appendix B). The code is canonical — within each
// length, codes rise with the symbol — so the length of each symbol's code defines it completely;
// `huffman.test.ts` checks the derived codes against the RFC's examples and against nghttp2.

/** Code length in bits of each symbol 0–255, then EOS (256); one row per 16 symbols. */
const CODE_LENGTHS: readonly number[] = [
  [13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28], // 0x00
  [28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28], // 0x10
  [6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6], // 0x20 ' ' … '/'
  [5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10], // 0x30 '0' … '?'
  [13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7], // 0x40 '@' … 'O'
  [7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6], // 0x50 'P' … '_'
  [15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5], // 0x60 '`' … 'o'
  [6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28], // 0x70 'p' … DEL
  [20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23], // 0x80
  [24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24], // 0x90
  [22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23], // 0xa0
  [21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23], // 0xb0
  [26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25], // 0xc0
  [19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27], // 0xd0
  [20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23], // 0xe0
  [26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26], // 0xf0
  [30], // EOS
].flat();

const EOS = 256;

/** Canonical codes: sort by (length, symbol); each code is the previous plus one, shifted to its length. */
function canonicalCodes(lengths: readonly number[]): number[] {
  const order = lengths
    .map((_, symbol) => symbol)
    .sort((a, b) => (lengths[a] as number) - (lengths[b] as number) || a - b);
  const codes = new Array<number>(lengths.length).fill(0);
  let code = 0;
  let previousLength = lengths[order[0] as number] as number;
  order.forEach((symbol, i) => {
    const length = lengths[symbol] as number;
    if (i > 0) code = (code + 1) * 2 ** (length - previousLength);
    codes[symbol] = code;
    previousLength = length;
  });
  return codes;
}

export const HUFFMAN_CODES: readonly number[] = canonicalCodes(CODE_LENGTHS);
export const HUFFMAN_CODE_LENGTHS = CODE_LENGTHS;

/**
 * A binary decoding tree in a flat array: node n has children at tree[2n] (bit 0) and tree[2n+1]
 * (bit 1); a child ≥ 0 is another node, a child < 0 is the leaf of symbol -(child + 1).
 */
const tree: Int32Array = (() => {
  const children: number[] = [0, 0];
  let nodes = 1;
  CODE_LENGTHS.forEach((length, symbol) => {
    const code = HUFFMAN_CODES[symbol] as number;
    let node = 0;
    for (let bit = length - 1; bit >= 0; bit -= 1) {
      const slot = 2 * node + (Math.floor(code / 2 ** bit) % 2);
      if (bit === 0) children[slot] = -(symbol + 1);
      else {
        if (!children[slot]) {
          children[slot] = nodes;
          nodes += 1;
          children.push(0, 0);
        }
        node = children[slot] as number;
      }
    }
  });
  return Int32Array.from(children);
})();

/**
 * Decodes a Huffman-coded string literal. The final partial byte must be padding: the most
 * significant bits of EOS (all ones), shorter than 8 bits (RFC 7541 §5.2).
 */
export function huffmanDecode(input: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(Math.ceil((input.length * 8) / 5));
  let length = 0;
  let node = 0;
  let bitsSinceSymbol = 0;
  let allOnes = true;
  for (const byte of input) {
    for (let bit = 7; bit >= 0; bit -= 1) {
      const one = (byte >> bit) & 1;
      const next = tree[2 * node + one] as number;
      bitsSinceSymbol += 1;
      allOnes &&= one === 1;
      if (next < 0) {
        const symbol = -next - 1;
        if (symbol === EOS) throw new Error("hpack: EOS inside a Huffman string");
        out[length] = symbol;
        length += 1;
        node = 0;
        bitsSinceSymbol = 0;
        allOnes = true;
      } else if (next === 0) {
        throw new Error("hpack: invalid Huffman code");
      } else node = next;
    }
  }
  if (bitsSinceSymbol > 7 || !allOnes) throw new Error("hpack: invalid Huffman padding");
  return out.subarray(0, length);
}

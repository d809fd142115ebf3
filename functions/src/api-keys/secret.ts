import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// `jiga_<keyId>_<secret>`: the id finds the record with one document read, the secret proves possession.
const keyFormat = /^jiga_([A-Za-z0-9]{20})_([A-Za-z0-9_-]{43})$/;
const idAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function newKeyId(): string {
  // 62 divides 256 unevenly; the bias (under 2%) does not matter for an identifier that is not a secret.
  return [...randomBytes(20)].map((byte) => idAlphabet[byte % idAlphabet.length]).join("");
}

export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

export function formatKey(keyId: string, secret: string): string {
  return `jiga_${keyId}_${secret}`;
}

export function parseKey(presented: string): { keyId: string; secret: string } | undefined {
  const match = keyFormat.exec(presented);
  return match?.[1] && match[2] ? { keyId: match[1], secret: match[2] } : undefined;
}

export function sha256Hex(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function secretMatches(secret: string, expectedSha256Hex: string): boolean {
  return timingSafeEqual(Buffer.from(sha256Hex(secret), "hex"), Buffer.from(expectedSha256Hex, "hex"));
}

/**
 * The SDK's node hash, used as the compare-and-set token of transactions: the client sends the
 * hash of the value it based its update on, and the write only applies if ours matches.
 * Format: sha1 (base64) over "priority:<type>:<value>:" + "<type>:<value>" for leaves, and over
 * ":key:childHash" in priority order for branches; the empty node hashes to "".
 */
import { createHash } from "node:crypto";
import { comparePriorities, nameCompare } from "./ordering.js";
import type { DataNode, MaybeNode, Priority } from "./tree.js";

const cache = new WeakMap<DataNode, string>();

function ieee754Hex(value: number): string {
  const buffer = Buffer.alloc(8);
  buffer.writeDoubleBE(value);
  return buffer.toString("hex");
}

function priorityText(priority: Priority): string {
  return typeof priority === "number" ? `number:${ieee754Hex(priority)}` : `string:${priority}`;
}

function sha1Base64(text: string): string {
  return createHash("sha1").update(text, "utf8").digest("base64");
}

export function nodeHash(node: MaybeNode): string {
  if (node === null) return "";
  const cached = cache.get(node);
  if (cached !== undefined) return cached;
  let text = node.priority === undefined ? "" : `priority:${priorityText(node.priority)}:`;
  if (node.kind === "leaf") {
    const type = typeof node.value;
    text += `${type}:${type === "number" ? ieee754Hex(node.value as number) : String(node.value)}`;
  } else {
    const entries = [...node.children].sort(
      ([aKey, a], [bKey, b]) => comparePriorities(a.priority, b.priority) || nameCompare(aKey, bKey),
    );
    for (const [key, child] of entries) {
      const childHash = nodeHash(child);
      if (childHash !== "") text += `:${key}:${childHash}`;
    }
  }
  const hash = text === "" ? "" : sha1Base64(text);
  cache.set(node, hash);
  return hash;
}

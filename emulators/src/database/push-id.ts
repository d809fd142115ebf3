/**
 * Push ids as the SDKs make them: 8 characters of millisecond timestamp then 12 random ones,
 * in an alphabet that sorts in ASCII order, so ids sort by creation time. Ids made within the
 * same millisecond increment the random part to stay ordered.
 */
import { randomInt } from "node:crypto";

const ALPHABET = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

let lastTime = 0;
const lastRandom: number[] = [];

export function nextPushId(now = Date.now()): string {
  const sameMillisecond = now === lastTime;
  lastTime = now;
  let timePart = "";
  let time = now;
  for (let i = 0; i < 8; i++) {
    timePart = ALPHABET.charAt(time % 64) + timePart;
    time = Math.floor(time / 64);
  }
  if (!sameMillisecond || lastRandom.length !== 12) {
    lastRandom.length = 0;
    for (let i = 0; i < 12; i++) lastRandom.push(randomInt(64));
  } else {
    let i = 11;
    while (i >= 0 && lastRandom[i] === 63) lastRandom[i--] = 0;
    if (i >= 0) lastRandom[i] = (lastRandom[i] as number) + 1;
  }
  return timePart + lastRandom.map((digit) => ALPHABET.charAt(digit)).join("");
}

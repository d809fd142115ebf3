/**
 * WebSocket framing of the SDK protocol: a message longer than one frame (16384 characters) is
 * sent as its frame count, then the pieces. A lone "0" is the client's keepalive.
 */

export const MAX_FRAME_CHARS = 16384;

export function splitIntoFrames(text: string): string[] {
  if (text.length <= MAX_FRAME_CHARS) return [text];
  const count = Math.ceil(text.length / MAX_FRAME_CHARS);
  const frames = [String(count)];
  for (let i = 0; i < count; i++) frames.push(text.slice(i * MAX_FRAME_CHARS, (i + 1) * MAX_FRAME_CHARS));
  return frames;
}

/** Reassembles incoming frames; `push` returns a whole message once one is complete. */
export class FrameAssembler {
  private pending: string[] | undefined;
  private expected = 0;

  push(frame: string): string | undefined {
    if (this.pending) {
      this.pending.push(frame);
      if (this.pending.length < this.expected) return undefined;
      const whole = this.pending.join("");
      this.pending = undefined;
      return whole;
    }
    if (frame.length <= 6 && /^\d+$/.test(frame)) {
      if (Number(frame) > 1) {
        this.pending = [];
        this.expected = Number(frame);
      }
      return undefined; // "0" keepalive, or the count of the frames to come
    }
    return frame;
  }
}

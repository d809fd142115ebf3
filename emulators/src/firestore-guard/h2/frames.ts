// HTTP/2 framing (RFC 9113 §4.1): a 9-byte header — 24-bit length, type, flags, 31-bit stream id —
// then the payload. The reader hands back whole frames with their original bytes for relaying.

export const FrameType = {
  DATA: 0x0,
  HEADERS: 0x1,
  PRIORITY: 0x2,
  RST_STREAM: 0x3,
  SETTINGS: 0x4,
  PUSH_PROMISE: 0x5,
  PING: 0x6,
  GOAWAY: 0x7,
  WINDOW_UPDATE: 0x8,
  CONTINUATION: 0x9,
} as const;

export const Flag = {
  END_STREAM: 0x1,
  END_HEADERS: 0x4,
  PADDED: 0x8,
  PRIORITY: 0x20,
} as const;

export const ErrorCode = { NO_ERROR: 0x0, CANCEL: 0x8 } as const;

/** The client's connection preface before its first frame (RFC 9113 §3.4). */
export const CLIENT_PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1");

/** Every peer accepts frames up to this payload size (SETTINGS_MAX_FRAME_SIZE's minimum, §6.5.2). */
export const SAFE_FRAME_PAYLOAD = 16_384;

const HEADER_BYTES = 9;

export interface Frame {
  type: number;
  flags: number;
  streamId: number;
  payload: Buffer;
  /** Header and payload as received. */
  raw: Buffer;
}

export class FrameReader {
  private buffered: Buffer = Buffer.alloc(0);

  /** Feeds a chunk; returns every frame it completes, in order. */
  push(chunk: Buffer): Frame[] {
    let data = this.buffered.length > 0 ? Buffer.concat([this.buffered, chunk]) : chunk;
    const frames: Frame[] = [];
    while (data.length >= HEADER_BYTES) {
      const length = data.readUIntBE(0, 3);
      const total = HEADER_BYTES + length;
      if (data.length < total) break;
      const raw = data.subarray(0, total);
      frames.push({
        type: raw[3] as number,
        flags: raw[4] as number,
        streamId: raw.readUInt32BE(5) & 0x7fffffff,
        payload: raw.subarray(HEADER_BYTES),
        raw,
      });
      data = data.subarray(total);
    }
    this.buffered = data;
    return frames;
  }
}

export function encodeFrame(type: number, flags: number, streamId: number, payload: Buffer): Buffer {
  const frame = Buffer.allocUnsafe(HEADER_BYTES + payload.length);
  frame.writeUIntBE(payload.length, 0, 3);
  frame[3] = type;
  frame[4] = flags;
  frame.writeUInt32BE(streamId, 5);
  payload.copy(frame, HEADER_BYTES);
  return frame;
}

/** `payload` cut into pieces within the safe frame size; an empty payload is one empty piece. */
function fragments(payload: Buffer): Buffer[] {
  const pieces: Buffer[] = [];
  let offset = 0;
  do {
    pieces.push(payload.subarray(offset, offset + SAFE_FRAME_PAYLOAD));
    offset += SAFE_FRAME_PAYLOAD;
  } while (offset < payload.length);
  return pieces;
}

/** A header block as HEADERS plus CONTINUATION frames, each within the safe payload size. */
export function encodeHeaderFrames(streamId: number, block: Buffer, endStream: boolean): Buffer[] {
  const pieces = fragments(block);
  return pieces.map((piece, i) => {
    const type = i === 0 ? FrameType.HEADERS : FrameType.CONTINUATION;
    let flags = i === pieces.length - 1 ? Flag.END_HEADERS : 0;
    if (i === 0 && endStream) flags |= Flag.END_STREAM;
    return encodeFrame(type, flags, streamId, piece);
  });
}

/** DATA frames carrying `data`; an empty buffer with endStream gives one empty END_STREAM frame. */
export function encodeDataFrames(streamId: number, data: Buffer, endStream: boolean): Buffer[] {
  const pieces = fragments(data);
  return pieces.map((piece, i) =>
    encodeFrame(FrameType.DATA, endStream && i === pieces.length - 1 ? Flag.END_STREAM : 0, streamId, piece),
  );
}

export function encodeWindowUpdate(streamId: number, increment: number): Buffer {
  const payload = Buffer.allocUnsafe(4);
  payload.writeUInt32BE(increment & 0x7fffffff, 0);
  return encodeFrame(FrameType.WINDOW_UPDATE, 0, streamId, payload);
}

export function encodeRstStream(streamId: number, errorCode: number): Buffer {
  const payload = Buffer.allocUnsafe(4);
  payload.writeUInt32BE(errorCode, 0);
  return encodeFrame(FrameType.RST_STREAM, 0, streamId, payload);
}

export function windowIncrement(frame: Frame): number {
  return frame.payload.readUInt32BE(0) & 0x7fffffff;
}

/** The application bytes of a DATA frame, without the pad length and padding (§6.1). */
export function dataOf(frame: Frame): Buffer {
  if (!(frame.flags & Flag.PADDED)) return frame.payload;
  const padLength = frame.payload[0] as number;
  return frame.payload.subarray(1, frame.payload.length - padLength);
}

/** The header block fragment of a HEADERS frame, without padding and priority fields (§6.2). */
export function headerFragmentOf(frame: Frame): Buffer {
  if (frame.type === FrameType.CONTINUATION) return frame.payload;
  let start = 0;
  let end = frame.payload.length;
  if (frame.flags & Flag.PADDED) {
    start = 1;
    end -= frame.payload[0] as number;
  }
  if (frame.flags & Flag.PRIORITY) start += 5;
  return frame.payload.subarray(start, end);
}

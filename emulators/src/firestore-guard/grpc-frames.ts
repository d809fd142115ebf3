// gRPC length-prefixed message framing (https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md):
// each message is a 1-byte compressed flag, a 4-byte big-endian length, then the message bytes.
// The parser hands back each frame's original bytes so the proxy forwards them untouched.
import { gunzipSync, inflateSync } from "node:zlib";

export interface GrpcFrame {
  /** The whole frame as received (header included), to forward unchanged. */
  raw: Buffer;
  compressed: boolean;
  /** The message bytes (a view into `raw`). */
  payload: Buffer;
}

const HEADER_BYTES = 5;

export class GrpcFrameParser {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  /** Feeds a chunk; returns every frame it completes, in order. */
  push(chunk: Buffer): GrpcFrame[] {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    const frames: GrpcFrame[] = [];
    while (this.pendingBytes >= HEADER_BYTES) {
      const head = this.peekHeader();
      const total = HEADER_BYTES + head.length;
      if (this.pendingBytes < total) break;
      const raw = this.take(total);
      frames.push({ raw, compressed: head.compressed, payload: raw.subarray(HEADER_BYTES) });
    }
    return frames;
  }

  /** Bytes received that do not yet form a whole frame. */
  get bufferedBytes(): number {
    return this.pendingBytes;
  }

  /** Hands back the bytes of an unfinished frame (a stream that ended mid-frame) and empties the parser. */
  takeBuffered(): Buffer {
    const rest = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    return rest;
  }

  private peekHeader(): { compressed: boolean; length: number } {
    let first = this.pending[0] as Buffer;
    if (first.length < HEADER_BYTES) {
      // Merge just enough leading chunks to hold the header, so tiny chunks stay linear in cost.
      let count = 0;
      let bytes = 0;
      while (bytes < HEADER_BYTES) bytes += (this.pending[count++] as Buffer).length;
      first = Buffer.concat(this.pending.slice(0, count));
      this.pending.splice(0, count, first);
    }
    return { compressed: first[0] === 1, length: first.readUInt32BE(1) };
  }

  private take(bytes: number): Buffer {
    const first = this.pending[0];
    if (first && first.length >= bytes) {
      // Fast path: the frame sits inside one chunk, so slice without copying.
      const frame = first.subarray(0, bytes);
      if (first.length === bytes) this.pending.shift();
      else this.pending[0] = first.subarray(bytes);
      this.pendingBytes -= bytes;
      return frame;
    }
    const all = Buffer.concat(this.pending);
    this.pending = all.length > bytes ? [all.subarray(bytes)] : [];
    this.pendingBytes -= bytes;
    return all.subarray(0, bytes);
  }
}

export function encodeGrpcFrame(message: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(HEADER_BYTES + message.length);
  frame[0] = 0;
  frame.writeUInt32BE(message.length, 1);
  frame.set(message, HEADER_BYTES);
  return frame;
}

/** The uncompressed message of a frame; `encoding` is the call's `grpc-encoding` header. */
export function framePayload(frame: GrpcFrame, encoding: string | undefined): Buffer {
  if (!frame.compressed) return frame.payload;
  if (encoding === "gzip") return gunzipSync(frame.payload);
  if (encoding === "deflate") return inflateSync(frame.payload);
  throw new Error(`unsupported grpc-encoding ${encoding ?? "(none)"}`);
}

// Header blocks as HTTP/2 carries them: a HEADERS frame and any CONTINUATION frames up to END_HEADERS
// (RFC 9113 §4.3), decoded in the order they arrive.
import type { Frame } from "./frames.js";
import { Flag, headerFragmentOf } from "./frames.js";
import type { HeaderField } from "./hpack.js";
import { HpackDecoder } from "./hpack.js";

/**
 * One side's header blocks: HEADERS and CONTINUATION frames are collected until END_HEADERS, then
 * the block is decoded with that side's decoder, which must see every block in order.
 */
export class HeaderBlockReader {
  private readonly decoder = new HpackDecoder();
  private pending:
    | { streamId: number; endStream: boolean; frames: Buffer[]; fragments: Buffer[] }
    | undefined;

  /** Returns the block once `frame` completes it; `frames` are the frames as received. */
  push(frame: Frame): HeaderBlock | undefined {
    const block = this.pending ?? {
      streamId: frame.streamId,
      endStream: (frame.flags & Flag.END_STREAM) !== 0,
      frames: [],
      fragments: [],
    };
    block.frames.push(frame.raw);
    block.fragments.push(headerFragmentOf(frame));
    this.pending = block;
    if (!(frame.flags & Flag.END_HEADERS)) return undefined;
    this.pending = undefined;
    const fields = this.decoder.decode(Buffer.concat(block.fragments));
    return {
      streamId: block.streamId,
      endStream: block.endStream,
      frames: block.frames,
      fields,
      tableSizeUpdates: this.decoder.tableSizeUpdates,
    };
  }
}

export interface HeaderBlock {
  streamId: number;
  endStream: boolean;
  frames: Buffer[];
  fields: HeaderField[];
  tableSizeUpdates: number[];
}

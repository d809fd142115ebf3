// Flow control where the guard drops or adds DATA, frame by frame: both peers here speak raw HTTP/2
// frames, so every WINDOW_UPDATE the relay writes, changes or holds back is visible.
import assert from "node:assert/strict";
import net from "node:net";
import { after, before, describe, test } from "node:test";
import { encodeGrpcFrame } from "../grpc-frames.js";
import type { FirestoreGuard } from "../index.js";
import { startFirestoreGuard } from "../index.js";
import { decodePlain, encodePlain, messages } from "../protos.js";
import { writeIndexesFile } from "../test-harness.js";
import type { Frame } from "./frames.js";
import {
  CLIENT_PREFACE,
  encodeDataFrames,
  encodeFrame,
  encodeHeaderFrames,
  encodeWindowUpdate,
  FrameReader,
  FrameType,
  windowIncrement,
} from "./frames.js";
import { encodeHeaderBlock, HpackDecoder } from "./hpack.js";

const PARENT = "projects/demo-jiga/databases/(default)/documents";
const needsIndex = {
  from: [{ collectionId: "things" }],
  where: { fieldFilter: { field: { fieldPath: "a" }, op: "EQUAL", value: { stringValue: "x" } } },
  orderBy: [{ field: { fieldPath: "b" }, direction: "ASCENDING" }],
};
const SETTINGS = encodeFrame(FrameType.SETTINGS, 0, 0, Buffer.alloc(0));

/** One end of a raw HTTP/2 connection that records every frame it receives. */
class FramePeer {
  readonly frames: Frame[] = [];
  private readonly reader = new FrameReader();
  private waiters: Array<() => void> = [];

  constructor(
    readonly socket: net.Socket,
    private skipBytes = 0,
  ) {
    socket.on("data", (chunk: Buffer) => {
      const skipped = chunk.subarray(0, this.skipBytes);
      this.skipBytes -= skipped.length;
      this.frames.push(...this.reader.push(chunk.subarray(skipped.length)));
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Waits for the first frame after `from` that matches. */
  async next(match: (frame: Frame) => boolean, from = 0): Promise<Frame> {
    for (;;) {
      const found = this.frames.slice(from).find(match);
      if (found) return found;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  send(...frames: Buffer[]): void {
    this.socket.write(Buffer.concat(frames));
  }
}

const isWindowUpdate = (streamId: number) => (frame: Frame) =>
  frame.type === FrameType.WINDOW_UPDATE && frame.streamId === streamId;

function grpcHeaders(streamId: number, method: string): Buffer[] {
  const field = (name: string, value: string) => ({ name, value, sensitive: false });
  const block = encodeHeaderBlock([
    field(":method", "POST"),
    field(":scheme", "http"),
    field(":path", `/google.firestore.v1.Firestore/${method}`),
    field(":authority", "guard"),
    field("content-type", "application/grpc"),
  ]);
  return encodeHeaderFrames(streamId, block, false);
}

describe("HTTP/2 flow control through the guard", () => {
  let upstreamServer: net.Server;
  let guard: FirestoreGuard;
  let client: FramePeer;
  let upstream: FramePeer;

  before(async () => {
    const connected = new Promise<FramePeer>((resolve) => {
      upstreamServer = net.createServer((socket) => {
        socket.write(SETTINGS);
        resolve(new FramePeer(socket, CLIENT_PREFACE.length));
      });
    });
    await new Promise<void>((resolve) => upstreamServer.listen(0, "127.0.0.1", resolve));
    guard = await startFirestoreGuard({
      upstream: `127.0.0.1:${(upstreamServer.address() as net.AddressInfo).port}`,
      indexesFile: writeIndexesFile({ indexes: [] }),
      log: () => {},
    });
    const [host, port] = guard.address.split(":");
    client = new FramePeer(net.connect(Number(port), host));
    client.send(CLIENT_PREFACE, SETTINGS);
    upstream = await connected;
    await client.next((frame) => frame.type === FrameType.SETTINGS);
  });
  after(async () => {
    client.socket.destroy();
    await guard.close();
    upstreamServer.close();
  });

  test("a dropped listen target is granted back; the client's grants for the guard's reply are not passed on", async () => {
    const request = encodeGrpcFrame(
      encodePlain(messages.ListenRequest, {
        database: "projects/demo-jiga/databases/(default)",
        addTarget: { targetId: 7, query: { parent: PARENT, structuredQuery: needsIndex } },
      }),
    );
    const fromClient = client.frames.length;
    client.send(...grpcHeaders(1, "Listen"), ...encodeDataFrames(1, request, false));

    const reply = await client.next((f) => f.type === FrameType.DATA && f.streamId === 1, fromClient);
    const change = decodePlain(messages.ListenResponse, reply.payload.subarray(5)).targetChange as Record<
      string,
      unknown
    >;
    assert.equal(change.targetChangeType, "REMOVE");
    assert.equal(windowIncrement(await client.next(isWindowUpdate(0), fromClient)), request.length);
    assert.equal(windowIncrement(await client.next(isWindowUpdate(1), fromClient)), request.length);

    // The client grants window for the guard's reply plus 100 bytes: only the 100 reach the emulator.
    const fromUpstream = upstream.frames.length;
    client.send(
      encodeWindowUpdate(0, reply.payload.length + 100),
      encodeWindowUpdate(1, reply.payload.length + 100),
      encodeWindowUpdate(0, 7),
    );
    const stream = await upstream.next(isWindowUpdate(1), fromUpstream);
    assert.equal(windowIncrement(stream), 100);
    while (upstream.frames.slice(fromUpstream).filter(isWindowUpdate(0)).length < 2) {
      await upstream.next(() => true, upstream.frames.length);
    }
    assert.deepEqual(
      upstream.frames.slice(fromUpstream).filter(isWindowUpdate(0)).map(windowIncrement),
      [100, 7],
    );
    assert.equal(
      upstream.frames.slice(fromUpstream).some((f) => f.type === FrameType.DATA),
      false,
      "the target never reached the emulator",
    );
  });

  test("a rejected query: its bytes are granted back, the emulator's stream is cancelled, late DATA is dropped and granted back", async () => {
    const request = encodeGrpcFrame(
      encodePlain(messages.RunQueryRequest, { parent: PARENT, structuredQuery: needsIndex }),
    );
    const fromClient = client.frames.length;
    const fromUpstream = upstream.frames.length;
    client.send(...grpcHeaders(3, "RunQuery"), ...encodeDataFrames(3, request, true));

    const trailers = await client.next((f) => f.type === FrameType.HEADERS && f.streamId === 3, fromClient);
    const fields = new HpackDecoder().decode(trailers.payload);
    assert.equal(fields.find((f) => f.name === "grpc-status")?.value, "9");
    assert.equal(windowIncrement(await client.next(isWindowUpdate(0), fromClient)), request.length);
    const reset = await upstream.next(
      (f) => f.type === FrameType.RST_STREAM && f.streamId === 3,
      fromUpstream,
    );
    assert.equal(reset.payload.readUInt32BE(0), 0x8, "CANCEL");

    // The emulator had already sent something on the stream: the client must not see it.
    const lateFrom = upstream.frames.length;
    upstream.send(...encodeDataFrames(3, Buffer.alloc(50, 1), false));
    assert.equal(windowIncrement(await upstream.next(isWindowUpdate(0), lateFrom)), 50);
    assert.equal(
      client.frames.slice(fromClient).some((f) => f.type === FrameType.DATA && f.streamId === 3),
      false,
    );
  });
});

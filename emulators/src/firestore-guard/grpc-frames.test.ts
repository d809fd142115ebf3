// Framing and wire scanning: frames split or merged across chunks come out whole and byte-identical.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import { encodeGrpcFrame, framePayload, GrpcFrameParser } from "./grpc-frames.js";
import { grpcPercentEncode } from "./h2/grpc-status.js";
import { decodePlain, encodePlain, messages } from "./protos.js";
import { scanTopLevelFields } from "./wire-scan.js";
import { writesOnWire } from "./write-calls.js";

describe("gRPC frames", () => {
  test("frames split at every byte boundary and merged in one chunk are reassembled unchanged", () => {
    const frames = [
      encodeGrpcFrame(Buffer.from("first")),
      encodeGrpcFrame(Buffer.alloc(0)),
      encodeGrpcFrame(Buffer.alloc(70_000, 7)),
    ];
    const stream = Buffer.concat(frames);
    for (const size of [1, 3, 5, 6, 4096, stream.length]) {
      const parser = new GrpcFrameParser();
      const out: Buffer[] = [];
      for (let i = 0; i < stream.length; i += size)
        out.push(...parser.push(stream.subarray(i, i + size)).map((f) => f.raw));
      assert.deepEqual(out, frames, `chunk size ${size}`);
      assert.equal(parser.bufferedBytes, 0);
    }
  });

  test("compressed frames are inflated for inspection only", () => {
    const message = Buffer.from("hello");
    const compressed = gzipSync(message);
    const frame = Buffer.concat([Buffer.from([1, 0, 0, 0, compressed.length]), compressed]);
    const [parsed] = new GrpcFrameParser().push(frame);
    assert.ok(parsed);
    assert.deepEqual(framePayload(parsed, "gzip"), message);
    assert.deepEqual(parsed.raw, frame);
  });

  test("the wire scanner sees top-level fields without decoding documents", () => {
    const bytes = encodePlain(messages.WriteResponse, {
      streamId: "s",
      writeResults: [{}, {}],
      commitTime: { seconds: 1 },
    });
    assert.deepEqual(
      scanTopLevelFields(bytes).map((f) => f.field),
      [1, 3, 3, 4],
    );
    assert.equal(decodePlain(messages.WriteResponse, bytes).streamId, "s");
  });

  test("grpc-message percent-encoding keeps printable ASCII readable", () => {
    assert.equal(grpcPercentEncode('{"a":1}, 100% é'), '{"a":1}, 100%25 %C3%A9');
  });

  test("the writes of a commit are read off the wire: set with transforms, delete, standalone transform", () => {
    const db = "projects/p/databases/(default)";
    const bytes = encodePlain(messages.CommitRequest, {
      database: db,
      writes: [
        {
          update: { name: `${db}/documents/a/1`, fields: { big: { stringValue: "x".repeat(10_000) } } },
          updateTransforms: [{ fieldPath: "at", setToServerValue: "REQUEST_TIME" }],
        },
        { delete: `${db}/documents/a/2` },
        {
          transform: {
            document: `${db}/documents/a/3`,
            fieldTransforms: [{ fieldPath: "n", increment: { integerValue: 1 } }],
          },
        },
      ],
    });
    assert.deepEqual(writesOnWire(bytes, 2), {
      database: db,
      writes: [
        { path: "a/1", kind: "write" },
        { path: "a/2", kind: "delete" },
        { path: "a/3", kind: "write" },
      ],
    });
  });
});

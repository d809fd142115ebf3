// The frame relay where it departs from the bytes: header blocks it re-encodes, request bytes of
// rejected calls it never forwards, and messages of its own it adds to a call. Plain node:http2
// clients keep HTTP/2's default 64 KiB windows, so a mistake in flow control stalls or breaks them.
import assert from "node:assert/strict";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { encodeGrpcFrame, GrpcFrameParser } from "../grpc-frames.js";
import type { FirestoreGuard } from "../index.js";
import { startFirestoreGuard } from "../index.js";
import { decodePlain, encodePlain, messages } from "../protos.js";
import { writeIndexesFile } from "../test-harness.js";

const SERVICE = "/google.firestore.v1.Firestore";
const PARENT = "projects/demo-jiga/databases/(default)/documents";
/** Needs a composite index (a, b), which the guard's empty index file lacks. */
const unindexedQuery = (padding = "") => ({
  from: [{ collectionId: "things" }],
  where: { fieldFilter: { field: { fieldPath: "a" }, op: "EQUAL", value: { stringValue: `x${padding}` } } },
  orderBy: [{ field: { fieldPath: "b" }, direction: "ASCENDING" }],
});
const plainQuery = { from: [{ collectionId: "things" }] };
const STREAMED_BYTES = 1024 * 1024;

/** Node lists the never-indexed fields of received headers under this symbol. */
const sensitiveNames = (headers: http2.IncomingHttpHeaders): unknown =>
  (headers as unknown as Record<symbol, unknown>)[http2.sensitiveHeaders];

function grpcRequest(session: http2.ClientHttp2Session, method: string): http2.ClientHttp2Stream {
  const stream = session.request({
    ":method": "POST",
    ":path": `${SERVICE}/${method}`,
    "content-type": "application/grpc",
  });
  stream.on("error", () => {});
  return stream;
}

function statusOf(stream: http2.ClientHttp2Stream): Promise<string | undefined> {
  return new Promise((resolve) => {
    let status: string | undefined;
    stream.on("response", (headers) => {
      status ??= headers["grpc-status"] as string | undefined;
    });
    stream.on("trailers", (trailers) => {
      status = trailers["grpc-status"] as string | undefined;
    });
    stream.on("close", () => resolve(status));
  });
}

describe("HTTP/2 frame relay", () => {
  let upstream: http2.Http2Server;
  let guard: FirestoreGuard;
  const queriesReceived: string[] = [];
  let listenBlocked: () => void = () => {};
  const listenBlockedAt = new Promise<void>((resolve) => {
    listenBlocked = resolve;
  });

  before(async () => {
    upstream = http2.createServer();
    upstream.on("stream", (stream, headers) => {
      stream.on("error", () => {});
      const path = headers[":path"];
      if (path === "/test.Echo/Headers") {
        const echoed = Object.fromEntries(Object.entries(headers).filter(([name]) => name.startsWith("x-")));
        const sensitive = sensitiveNames(headers);
        stream.respond(
          { ":status": 200, ...echoed, [http2.sensitiveHeaders]: sensitive },
          { waitForTrailers: true },
        );
        stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0", ...echoed }));
        stream.resume();
        stream.on("end", () => stream.end());
      } else if (path === `${SERVICE}/RunQuery`) {
        const parser = new GrpcFrameParser();
        stream.on("data", (chunk: Buffer) => {
          for (const frame of parser.push(chunk)) {
            const request = decodePlain(messages.RunQueryRequest, frame.payload);
            queriesReceived.push(JSON.stringify(request.structuredQuery));
          }
        });
        stream.on("end", () => {
          if (stream.destroyed) return; // cancelled by the guard
          stream.respond(
            { ":status": 200, "content-type": "application/grpc", "grpc-status": "0" },
            { endStream: true },
          );
        });
      } else if (path === `${SERVICE}/Listen`) {
        // Once a target arrives, stream far more than the client's window, then end the call.
        stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
        stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
        stream.once("data", async () => {
          const message = encodeGrpcFrame(Buffer.alloc(8 * 1024 - 5, 0x0a));
          for (let sent = 0; sent < STREAMED_BYTES; sent += message.length) {
            if (!stream.write(message)) {
              listenBlocked();
              await new Promise((resolve) => stream.once("drain", resolve));
            }
          }
          stream.end();
        });
      } else stream.close(http2.constants.NGHTTP2_REFUSED_STREAM);
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    guard = await startFirestoreGuard({
      upstream: `127.0.0.1:${(upstream.address() as AddressInfo).port}`,
      indexesFile: writeIndexesFile({ indexes: [] }),
      log: () => {},
    });
  });
  after(async () => {
    await guard.close();
    upstream.close();
  });

  test("header blocks: every byte value, many calls on one connection, never-indexed fields, both ways", async () => {
    const session = http2.connect(`http://${guard.address}`);
    // Printable ASCII and Latin-1 (node drops C1 controls, nghttp2 values with outer whitespace).
    const alphabet = Array.from({ length: 0x100 }, (_, code) => String.fromCharCode(code)).filter((char) =>
      /[\x20-\x7e\xa0-\xff]/.test(char),
    );
    const latin1 = (seed: number) =>
      `<${Array.from({ length: 120 }, (_, i) => alphabet[(seed * 31 + i * 7) % alphabet.length]).join("")}>`;
    for (let call = 0; call < 30; call += 1) {
      const sent = { "x-shared": "same on every call", "x-bytes": latin1(call), "x-token": `secret-${call}` };
      const stream = session.request({
        ":method": "POST",
        ":path": "/test.Echo/Headers",
        ...sent,
        [http2.sensitiveHeaders]: ["x-token"],
      });
      const [headers, trailers] = await Promise.all([
        new Promise<http2.IncomingHttpHeaders>((resolve) => stream.on("response", resolve)),
        new Promise<http2.IncomingHttpHeaders>((resolve) => stream.on("trailers", resolve)),
        stream.end(),
        stream.resume(),
      ]);
      for (const received of [headers, trailers]) {
        assert.deepEqual(
          {
            "x-shared": received["x-shared"],
            "x-bytes": received["x-bytes"],
            "x-token": received["x-token"],
          },
          sent,
        );
      }
      assert.deepEqual(sensitiveNames(headers), ["x-token"]);
    }
    session.close();
  });

  test("rejected calls' request bytes are given back to the client's window; later calls go through", async () => {
    const session = http2.connect(`http://${guard.address}`);
    const big = "y".repeat(30_000);
    // Six 30 KB queries overrun the 64 KiB connection window unless the guard grants it back.
    for (let i = 0; i < 6; i += 1) {
      const stream = grpcRequest(session, "RunQuery");
      const status = statusOf(stream);
      stream.end(
        encodeGrpcFrame(
          encodePlain(messages.RunQueryRequest, { parent: PARENT, structuredQuery: unindexedQuery(big) }),
        ),
      );
      assert.equal(await status, "9");
    }
    const allowed = grpcRequest(session, "RunQuery");
    const status = statusOf(allowed);
    allowed.end(
      encodeGrpcFrame(encodePlain(messages.RunQueryRequest, { parent: PARENT, structuredQuery: plainQuery })),
    );
    assert.equal(await status, "0");
    session.close();
    assert.deepEqual(
      queriesReceived,
      [JSON.stringify(plainQuery)],
      "the emulator saw only the allowed query",
    );
  });

  test("a listen stream carries on, 1 MiB past its window, after the guard answered targets itself", async () => {
    const session = http2.connect(`http://${guard.address}`);
    const stream = grpcRequest(session, "Listen");
    const responses: Buffer[] = [];
    const parser = new GrpcFrameParser();
    stream.on("data", (chunk: Buffer) => {
      for (const frame of parser.push(chunk)) responses.push(frame.payload);
    });
    const status = statusOf(stream);
    const addTarget = (targetId: number, structuredQuery: object) =>
      encodeGrpcFrame(
        encodePlain(messages.ListenRequest, {
          database: "projects/demo-jiga/databases/(default)",
          addTarget: { targetId, query: { parent: PARENT, structuredQuery } },
        }),
      );
    for (let targetId = 1; targetId <= 20; targetId += 1) stream.write(addTarget(targetId, unindexedQuery()));
    // The client stops reading until the emulator is held back, then takes the rest.
    stream.pause();
    stream.write(addTarget(21, plainQuery));
    await listenBlockedAt;
    stream.resume();
    stream.end();
    assert.equal(await status, "0");
    session.close();
    const removals = responses
      .slice(0, 20)
      .map(
        (payload) => decodePlain(messages.ListenResponse, payload).targetChange as Record<string, unknown>,
      );
    assert.deepEqual(
      removals.map((change) => [change.targetChangeType, (change.cause as Record<string, unknown>).code]),
      Array.from({ length: 20 }, () => ["REMOVE", 9]),
    );
    const streamed = responses.slice(20).reduce((total, payload) => total + payload.length + 5, 0);
    assert.ok(streamed >= STREAMED_BYTES, `all ${STREAMED_BYTES} streamed bytes arrived (got ${streamed})`);
  });
});

// The proxy itself, against small local HTTP servers standing in for the upstream: HTTP/1.1 bodies
// stream through unbuffered (WebChannel long-polls), and on HTTP/2 the request and response headers,
// trailers, client cancellation, upstream resets and dropped connections pass through as they are.
import assert from "node:assert/strict";
import http from "node:http";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import type { FirestoreGuard } from "./index.js";
import { startFirestoreGuard } from "./index.js";
import { writeIndexesFile } from "./test-harness.js";

const { NGHTTP2_CANCEL, NGHTTP2_REFUSED_STREAM } = http2.constants;

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("proxy passthrough", () => {
  const firstChunkSeen = deferred();
  const upstreamClosed = deferred<{ rstCode: number; headers: http2.IncomingHttpHeaders }>();
  let h1: http.Server;
  let h2: http2.Http2Server;
  let guard1: FirestoreGuard;
  let guard2: FirestoreGuard;

  before(async () => {
    h1 = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain", "x-upstream": "h1" });
      res.write("first\n");
      // The second chunk is only written once the client has the first: a buffering proxy deadlocks.
      void firstChunkSeen.promise.then(() => res.end("second\n"));
    });
    h2 = http2.createServer();
    h2.on("stream", (stream, headers) => {
      const path = headers[":path"];
      if (path === "/test.Echo/Trailers") {
        stream.respond(
          { ":status": 200, "content-type": "application/grpc", "x-meta": "m1" },
          { waitForTrailers: true },
        );
        stream.on("wantTrailers", () =>
          stream.sendTrailers({ "grpc-status": "3", "grpc-message": "bad%20thing", "x-trailer-bin": "AAEC" }),
        );
        stream.end(Buffer.from([0, 0, 0, 0, 1, 42]));
      } else if (path === "/test.Echo/Hang") {
        stream.respond({ ":status": 200, "content-type": "application/grpc" });
        stream.write(Buffer.from([0, 0, 0, 0, 0]));
        stream.on("close", () => upstreamClosed.resolve({ rstCode: stream.rstCode, headers }));
      } else if (path === "/test.Echo/Vanish") {
        stream.respond({ ":status": 200, "content-type": "application/grpc" });
        stream.write(Buffer.from([0, 0, 0, 0, 0]));
        setTimeout(() => stream.session?.destroy(), 20);
      } else {
        stream.close(NGHTTP2_REFUSED_STREAM);
      }
      stream.on("error", () => {});
    });
    await new Promise<void>((resolve) => h1.listen(0, "127.0.0.1", resolve));
    await new Promise<void>((resolve) => h2.listen(0, "127.0.0.1", resolve));
    const indexesFile = writeIndexesFile({ indexes: [] });
    guard1 = await startFirestoreGuard({
      upstream: `127.0.0.1:${(h1.address() as AddressInfo).port}`,
      indexesFile,
    });
    guard2 = await startFirestoreGuard({
      upstream: `127.0.0.1:${(h2.address() as AddressInfo).port}`,
      indexesFile,
    });
  });
  after(async () => {
    await guard1.close();
    await guard2.close();
    h1.close();
    h2.close();
  });

  test("HTTP/1.1: response headers and each body chunk arrive without waiting for the end", async () => {
    const body = await new Promise<string>((resolve, reject) => {
      http.get(`http://${guard1.address}/google.firestore.v1.Firestore/Listen/channel?VER=8`, (res) => {
        assert.equal(res.headers["x-upstream"], "h1");
        let text = "";
        res.on("data", (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes("first")) firstChunkSeen.resolve();
        });
        res.on("end", () => resolve(text));
        res.on("error", reject);
      });
    });
    assert.equal(body, "first\nsecond\n");
  });

  test("HTTP/2: response headers, data and trailers are relayed as sent", async () => {
    const client = http2.connect(`http://${guard2.address}`);
    const stream = client.request({
      ":method": "POST",
      ":path": "/test.Echo/Trailers",
      "content-type": "application/grpc",
      te: "trailers",
    });
    const [headers, trailers, data] = await Promise.all([
      new Promise<http2.IncomingHttpHeaders>((resolve) => stream.on("response", resolve)),
      new Promise<http2.IncomingHttpHeaders>((resolve) => stream.on("trailers", resolve)),
      new Promise<Buffer>((resolve) => {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => resolve(Buffer.concat(chunks)));
      }),
      stream.end(),
    ]);
    client.close();
    assert.equal(headers["x-meta"], "m1");
    assert.deepEqual(data, Buffer.from([0, 0, 0, 0, 1, 42]));
    assert.deepEqual(
      { status: trailers["grpc-status"], message: trailers["grpc-message"], bin: trailers["x-trailer-bin"] },
      { status: "3", message: "bad%20thing", bin: "AAEC" },
    );
  });

  test("HTTP/2: a client cancel reaches the upstream stream, with request metadata intact", async () => {
    const client = http2.connect(`http://${guard2.address}`);
    const stream = client.request({
      ":method": "POST",
      ":path": "/test.Echo/Hang",
      "content-type": "application/grpc",
      "x-request-meta": "r1",
    });
    stream.on("error", () => {});
    stream.write(Buffer.from([0, 0, 0, 0, 0]));
    await new Promise((resolve) => stream.once("data", resolve));
    stream.close(NGHTTP2_CANCEL);
    const closed = await upstreamClosed.promise;
    client.close();
    assert.equal(closed.rstCode, NGHTTP2_CANCEL);
    assert.equal(closed.headers["x-request-meta"], "r1");
  });

  test("HTTP/2: an upstream reset reaches the client with its code", async () => {
    const client = http2.connect(`http://${guard2.address}`);
    const stream = client.request({
      ":method": "POST",
      ":path": "/test.Echo/Refuse",
      "content-type": "application/grpc",
    });
    stream.on("error", () => {});
    stream.end();
    await new Promise((resolve) => stream.on("close", resolve));
    client.close();
    assert.equal(stream.rstCode, NGHTTP2_REFUSED_STREAM);
  });

  test("HTTP/2: when the emulator drops the connection, the client sees what it would see without the guard", async () => {
    const outcome = async (address: string) => {
      const client = http2.connect(`http://${address}`);
      client.on("error", () => {});
      const stream = client.request({
        ":method": "POST",
        ":path": "/test.Echo/Vanish",
        "content-type": "application/grpc",
      });
      let trailers: http2.IncomingHttpHeaders | undefined;
      stream.on("trailers", (received) => {
        trailers = received;
      });
      stream.on("error", () => {});
      stream.on("data", () => {});
      stream.end(Buffer.from([0, 0, 0, 0, 0]));
      await new Promise((resolve) => client.on("close", resolve));
      return { trailers, rstCode: stream.rstCode, destroyed: stream.destroyed };
    };
    const direct = await outcome(`127.0.0.1:${(h2.address() as AddressInfo).port}`);
    const guarded = await outcome(guard2.address);
    assert.deepEqual(guarded, direct);
    // No status: a gRPC client reports UNAVAILABLE for the dropped connection instead of hanging.
    assert.equal(guarded.trailers, undefined);
    assert.equal(guarded.destroyed, true);
  });
});

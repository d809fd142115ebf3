// HTTP/2 (h2c) side of the guard: a frame relay. Each client connection gets one connection to the
// emulator, and frames go across as they are — SETTINGS, PING, flow control, resets, GOAWAY, the
// client's header blocks — so the relay adds next to nothing to a call. It departs from the bytes
// only where it must:
// - the DATA of gRPC calls whose requests the interceptor may veto (queries, listens) is held until
//   each message has been checked, and sent on once allowed; other inspected calls are read after;
// - the emulator's header blocks are decoded and re-encoded without HPACK's dynamic table, so the
//   guard can answer a call itself (an index rejection) or drop a block without desynchronising the
//   client's decoder;
// - flow control is evened out where the guard dropped or added DATA, so both peers' windows agree.
import net from "node:net";
import type { CallInterceptor, InterceptorFactory, RequestVerdict } from "../call-interceptor.js";
import type { GrpcFrame } from "../grpc-frames.js";
import { framePayload, GrpcFrameParser } from "../grpc-frames.js";
import type { Frame } from "./frames.js";
import {
  CLIENT_PREFACE,
  dataOf,
  ErrorCode,
  encodeDataFrames,
  encodeHeaderFrames,
  encodeRstStream,
  encodeWindowUpdate,
  Flag,
  FrameReader,
  FrameType,
  windowIncrement,
} from "./frames.js";
import { GRPC_RESPONSE_HEADERS, grpcStatusFields } from "./grpc-status.js";
import { HeaderBlockReader } from "./header-blocks.js";
import type { HeaderField } from "./hpack.js";
import { encodeHeaderBlock, headerValue } from "./hpack.js";

export interface Http2RelayOptions {
  upstreamHost: string;
  upstreamPort: number;
  intercept: InterceptorFactory;
}

/** A gRPC call the interceptor inspects, from its request headers until the guard has reported its end. */
interface InspectedCall {
  interceptor: CallInterceptor;
  requestEncoding: string | undefined;
  responseEncoding: string | undefined;
  requests: GrpcFrameParser;
  responses: GrpcFrameParser;
  clientEnded: boolean;
  /** Response headers have reached the client… */
  responseStarted: boolean;
  /** …and the guard sent them itself, so the emulator's own are dropped. */
  guardStartedResponse: boolean;
}

/** Relays one client connection whose first bytes are the HTTP/2 connection preface. */
export function relayHttp2Connection(client: net.Socket, options: Http2RelayOptions): void {
  new ConnectionRelay(client, options);
}

class ConnectionRelay {
  private readonly upstream: net.Socket;
  private readonly fromClient = new FrameReader();
  private readonly fromUpstream = new FrameReader();
  private readonly clientHeaders = new HeaderBlockReader();
  private readonly upstreamHeaders = new HeaderBlockReader();
  private prefaceLeft = CLIENT_PREFACE.length;
  private upstreamStarted = false;
  private readonly calls = new Map<number, InspectedCall>();
  /** Streams the guard ended itself: whatever either side still sends on them is dropped. */
  private readonly endedByGuard = new Set<number>();
  /** Window the client granted for DATA the guard sent it, not to be granted to the emulator again. */
  private owedConnectionWindow = 0;
  private readonly owedStreamWindow = new Map<number, number>();
  /** Table size updates from dropped or re-encoded blocks, repeated in the next block to the client. */
  private pendingTableSizeUpdates: number[] = [];
  private toUpstream: Buffer[] = [];
  /** Interceptor callbacks for what the current chunk carried, run once it has been relayed. */
  private observations: Array<() => void> = [];
  private toClient: Buffer[] = [];

  constructor(
    private readonly client: net.Socket,
    private readonly options: Http2RelayOptions,
  ) {
    this.upstream = net.connect({ host: options.upstreamHost, port: options.upstreamPort, noDelay: true });
    client.setNoDelay(true);
    client.on("data", (chunk: Buffer) => this.fromClientChunk(chunk));
    this.upstream.on("data", (chunk: Buffer) => this.fromUpstreamChunk(chunk));
    // One side going away takes the other with it, as a direct connection to the emulator would.
    client.on("close", () => this.closeAll(this.upstream));
    this.upstream.on("close", () => this.closeAll(client));
    client.on("error", () => client.destroy());
    this.upstream.on("error", () => this.upstream.destroy());
    client.resume();
  }

  private closeAll(other: net.Socket): void {
    for (const call of this.calls.values()) this.finish(call, null);
    this.calls.clear();
    this.observe();
    if (!other.destroyed) other.end(() => other.destroy());
  }

  private fromClientChunk(chunk: Buffer): void {
    let rest = chunk;
    if (this.prefaceLeft > 0) {
      const preface = rest.subarray(0, this.prefaceLeft);
      this.toUpstream.push(preface);
      this.prefaceLeft -= preface.length;
      rest = rest.subarray(preface.length);
    }
    try {
      for (const frame of this.fromClient.push(rest)) this.clientFrame(frame);
    } catch {
      // An undecodable header block is a connection error (RFC 9113 §4.3): end both sides.
      this.client.destroy();
      return;
    }
    this.flush();
    this.observe();
  }

  private fromUpstreamChunk(chunk: Buffer): void {
    try {
      for (const frame of this.fromUpstream.push(chunk)) this.upstreamFrame(frame);
    } catch {
      this.upstream.destroy();
      return;
    }
    this.flush();
    this.observe();
  }

  private flush(): void {
    if (this.toUpstream.length > 0) this.send(this.upstream, this.client, this.toUpstream);
    this.toUpstream = [];
    // Until the emulator's preface has gone out, what the guard has for the client waits behind it.
    if (this.toClient.length > 0 && this.upstreamStarted) {
      this.send(this.client, this.upstream, this.toClient);
      this.toClient = [];
    }
  }

  /** Writes to `to`, pausing `from` while `to` cannot keep up. */
  private send(to: net.Socket, from: net.Socket, buffers: Buffer[]): void {
    if (to.destroyed) return;
    const full = !to.write(buffers.length === 1 ? (buffers[0] as Buffer) : Buffer.concat(buffers));
    if (full && !from.isPaused()) {
      from.pause();
      to.once("drain", () => from.resume());
    }
  }

  // --- client → emulator -------------------------------------------------------------------------

  private clientFrame(frame: Frame): void {
    switch (frame.type) {
      case FrameType.HEADERS:
      case FrameType.CONTINUATION:
        this.clientHeaderFrame(frame);
        return;
      case FrameType.DATA:
        this.clientData(frame);
        return;
      case FrameType.WINDOW_UPDATE:
        this.clientWindowUpdate(frame);
        return;
      case FrameType.RST_STREAM: {
        if (this.endedByGuard.has(frame.streamId)) return;
        this.forget(frame.streamId, null);
        this.toUpstream.push(frame.raw);
        return;
      }
      default:
        this.toUpstream.push(frame.raw);
    }
  }

  private clientHeaderFrame(frame: Frame): void {
    // Decoded whatever happens to the stream, to keep the decoder in step with the client's encoder.
    const block = this.clientHeaders.push(frame);
    if (!block || this.endedByGuard.has(block.streamId)) return;
    const { fields } = block;
    // Forwarded whole, so nothing the guard writes can fall between HEADERS and its CONTINUATIONs.
    this.toUpstream.push(...block.frames);
    const existing = this.calls.get(block.streamId);
    if (existing) {
      if (block.endStream) existing.clientEnded = true;
      return;
    }
    if (!headerValue(fields, "content-type")?.startsWith("application/grpc")) return;
    const interceptor = this.options.intercept({
      path: headerValue(fields, ":path") ?? "",
      resourcePrefix: headerValue(fields, "google-cloud-resource-prefix"),
    });
    if (!interceptor) return;
    this.calls.set(block.streamId, {
      interceptor,
      requestEncoding: headerValue(fields, "grpc-encoding"),
      responseEncoding: undefined,
      requests: new GrpcFrameParser(),
      responses: new GrpcFrameParser(),
      clientEnded: block.endStream,
      responseStarted: false,
      guardStartedResponse: false,
    });
  }

  private clientData(frame: Frame): void {
    const streamId = frame.streamId;
    if (this.endedByGuard.has(streamId)) {
      this.grantClient(0, frame.payload.length);
      return;
    }
    const call = this.calls.get(streamId);
    if (!call?.interceptor.vetoesRequests) {
      this.toUpstream.push(frame.raw);
      if (call) this.watchRequests(call, frame);
      return;
    }
    const endStream = (frame.flags & Flag.END_STREAM) !== 0;
    if (endStream) call.clientEnded = true;
    const heldBefore = call.requests.bufferedBytes;
    const forwarded: Buffer[] = [];
    let forwardedBytes = 0;
    for (const message of call.requests.push(dataOf(frame))) {
      const verdict = requestVerdict(call, message);
      if (verdict.action === "reject") {
        // Everything of this stream the client sent and the emulator never got is granted back.
        this.grantClient(0, heldBefore + frame.payload.length - forwardedBytes);
        if (forwardedBytes > 0) {
          this.toUpstream.push(...encodeDataFrames(streamId, Buffer.concat(forwarded), false));
        }
        this.failCall(streamId, call, verdict.code, verdict.message);
        return;
      }
      if (verdict.action === "drop") this.respondToClient(streamId, call, verdict.respond);
      else {
        forwarded.push(message.raw);
        forwardedBytes += message.raw.length;
      }
    }
    if (endStream) {
      // A stream that ends mid-message goes on as it is; the emulator reports the broken message.
      const rest = call.requests.takeBuffered();
      forwarded.push(rest);
      forwardedBytes += rest.length;
    }
    if (heldBefore === 0 && forwardedBytes === frame.payload.length) {
      this.toUpstream.push(frame.raw); // the frame held exactly the messages that pass: send it as it came
    } else if (forwardedBytes > 0 || endStream) {
      this.toUpstream.push(...encodeDataFrames(streamId, Buffer.concat(forwarded), endStream));
    }
    const notForwarded = heldBefore + frame.payload.length - forwardedBytes - call.requests.bufferedBytes;
    if (notForwarded > 0) this.grantClient(endStream ? 0 : streamId, notForwarded);
  }

  /** Requests of a call whose interceptor only watches them: shown to it once they are on their way. */
  private watchRequests(call: InspectedCall, frame: Frame): void {
    if (frame.flags & Flag.END_STREAM) call.clientEnded = true;
    for (const message of call.requests.push(dataOf(frame))) {
      this.observations.push(() => call.interceptor.onRequest(framePayload(message, call.requestEncoding)));
    }
  }

  private clientWindowUpdate(frame: Frame): void {
    const streamId = frame.streamId;
    if (streamId !== 0 && this.endedByGuard.has(streamId)) return;
    const owed = streamId === 0 ? this.owedConnectionWindow : (this.owedStreamWindow.get(streamId) ?? 0);
    if (owed === 0) {
      this.toUpstream.push(frame.raw);
      return;
    }
    const increment = windowIncrement(frame);
    const settled = Math.min(owed, increment);
    if (streamId === 0) this.owedConnectionWindow -= settled;
    else this.owedStreamWindow.set(streamId, owed - settled);
    if (increment > settled) this.toUpstream.push(encodeWindowUpdate(streamId, increment - settled));
  }

  /** Gives the client back window for bytes the emulator never received (stream 0: connection only). */
  private grantClient(streamId: number, bytes: number): void {
    if (bytes <= 0) return;
    this.toClient.push(encodeWindowUpdate(0, bytes));
    if (streamId !== 0) this.toClient.push(encodeWindowUpdate(streamId, bytes));
  }

  /** Sends gRPC messages of the guard's own on a call that stays open (a rejected listen target). */
  private respondToClient(streamId: number, call: InspectedCall, messages: Buffer[]): void {
    if (!call.responseStarted) {
      this.toClient.push(...this.headerFramesToClient(streamId, GRPC_RESPONSE_HEADERS, false));
      call.responseStarted = true;
      call.guardStartedResponse = true;
    }
    const data = Buffer.concat(messages);
    this.toClient.push(...encodeDataFrames(streamId, data, false));
    this.owedConnectionWindow += data.length;
    this.owedStreamWindow.set(streamId, (this.owedStreamWindow.get(streamId) ?? 0) + data.length);
  }

  /** Ends a call with the guard's own status: the emulator's stream is cancelled. */
  private failCall(streamId: number, call: InspectedCall, code: number, message: string): void {
    this.forget(streamId, code);
    this.endedByGuard.add(streamId);
    this.toUpstream.push(encodeRstStream(streamId, ErrorCode.CANCEL));
    const status = grpcStatusFields(code, message);
    const fields = call.responseStarted ? status : [...GRPC_RESPONSE_HEADERS, ...status];
    this.toClient.push(...this.headerFramesToClient(streamId, fields, true));
    // As gRPC servers do when they finish before the client has: the rest of its request is moot.
    if (!call.clientEnded) this.toClient.push(encodeRstStream(streamId, ErrorCode.NO_ERROR));
  }

  // --- emulator → client -------------------------------------------------------------------------

  private upstreamFrame(frame: Frame): void {
    if (!this.upstreamStarted) {
      // The server's preface, a SETTINGS frame, must be the first frame the client gets (RFC 9113 §3.4).
      this.upstreamStarted = true;
      this.toClient.unshift(frame.raw);
      return;
    }
    const ended = frame.streamId !== 0 && this.endedByGuard.has(frame.streamId);
    switch (frame.type) {
      case FrameType.HEADERS:
      case FrameType.CONTINUATION:
        this.upstreamHeaderFrame(frame);
        return;
      case FrameType.PUSH_PROMISE:
        // gRPC clients disable server push (SETTINGS_ENABLE_PUSH = 0), so a promise is a protocol error.
        throw new Error("server push is not relayed");
      case FrameType.DATA:
        if (ended) {
          // The client never sees these bytes; the emulator still needs its window back.
          if (frame.payload.length > 0) this.toUpstream.push(encodeWindowUpdate(0, frame.payload.length));
          return;
        }
        this.upstreamData(frame);
        return;
      case FrameType.RST_STREAM:
        if (ended) return;
        this.forget(frame.streamId, null);
        this.toClient.push(frame.raw);
        return;
      case FrameType.WINDOW_UPDATE:
        if (!ended) this.toClient.push(frame.raw);
        return;
      default:
        this.toClient.push(frame.raw);
    }
  }

  private upstreamHeaderFrame(frame: Frame): void {
    const block = this.upstreamHeaders.push(frame);
    if (!block) return;
    let fields = block.fields;
    this.pendingTableSizeUpdates.push(...block.tableSizeUpdates);
    const streamId = block.streamId;
    if (this.endedByGuard.has(streamId)) return;
    const call = this.calls.get(streamId);
    if (call && !block.endStream) {
      if (call.guardStartedResponse) return; // the client already has response headers
      call.responseStarted = true;
      call.responseEncoding = headerValue(fields, "grpc-encoding");
    }
    if (call && block.endStream) {
      // Trailers-only after the guard started the response: pseudo-headers cannot be trailers.
      if (call.guardStartedResponse) fields = fields.filter((f) => !f.name.startsWith(":"));
      const status = headerValue(fields, "grpc-status");
      this.forget(streamId, status === undefined ? null : Number(status));
    }
    this.toClient.push(...this.headerFramesToClient(streamId, fields, block.endStream));
  }

  private upstreamData(frame: Frame): void {
    const call = this.calls.get(frame.streamId);
    if (call?.interceptor.inspectsResponses) {
      const encoding = call.responseEncoding ?? call.requestEncoding;
      for (const message of call.responses.push(dataOf(frame))) {
        this.observations.push(() => call.interceptor.onResponse(framePayload(message, encoding)));
      }
    }
    this.toClient.push(frame.raw);
    if (frame.flags & Flag.END_STREAM) this.forget(frame.streamId, null);
  }

  private headerFramesToClient(
    streamId: number,
    fields: readonly HeaderField[],
    endStream: boolean,
  ): Buffer[] {
    const block = encodeHeaderBlock(fields, this.pendingTableSizeUpdates);
    this.pendingTableSizeUpdates = [];
    return encodeHeaderFrames(streamId, block, endStream);
  }

  // --- calls -------------------------------------------------------------------------------------

  /** The call is over for the guard: its end is reported once, as it leaves `calls`. */
  private forget(streamId: number, status: number | null): void {
    const call = this.calls.get(streamId);
    if (call) this.finish(call, status);
    this.calls.delete(streamId);
    this.owedStreamWindow.delete(streamId);
  }

  private finish(call: InspectedCall, status: number | null): void {
    this.observations.push(() => call.interceptor.onEnd(status));
  }

  /**
   * Tells the interceptors what passed, once the bytes are on their way: still in this tick, so
   * before either peer can react (a client cancels a query as soon as it has seen `done`).
   */
  private observe(): void {
    const observations = this.observations;
    this.observations = [];
    for (const observation of observations) {
      try {
        observation();
      } catch {
        // Counting is best effort; it never breaks the connection it watches.
      }
    }
  }
}

function requestVerdict(call: InspectedCall, message: GrpcFrame): RequestVerdict {
  try {
    return call.interceptor.onRequest(framePayload(message, call.requestEncoding));
  } catch {
    return { action: "forward" }; // the emulator will report anything malformed itself
  }
}

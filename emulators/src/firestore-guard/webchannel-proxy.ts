// The browser SDK's WebChannel streams (/google.firestore.v1.Firestore/{Listen,Write}/channel) through
// the guard: each message the client posts is shown to the same interceptor as its gRPC twin (Listen
// targets index-checked, writes and listen results billed), and each message the emulator answers too.
// A Listen target that production would reject never reaches the emulator; the client gets production's
// answer instead, a TargetChange REMOVE with the FAILED_PRECONDITION cause, on the session's
// backchannel. Because WebChannel numbers messages in both directions, the guard then renumbers the
// session's later messages on the way through (webchannel-wire.ts).
import type http from "node:http";
import { StringDecoder } from "node:string_decoder";
import type { CallInterceptor, InterceptorFactory } from "./call-interceptor.js";
import { SERVICE_PREFIX } from "./call-interceptor.js";
import type { Upstream } from "./http1-relay.js";
import {
  answerUpstreamError,
  endToEndHeaders,
  readBody,
  upstreamRequest,
  withoutHeader,
} from "./http1-relay.js";
import { encodeProto3Json } from "./proto-json.js";
import type { Plain } from "./protos.js";
import { messageType } from "./protos.js";
import {
  ChunkReader,
  encodeChannelForm,
  encodeChunk,
  parseChannelForm,
  Renumbering,
} from "./webchannel-wire.js";

const CHANNEL_PATH = /^\/google\.firestore\.v1\.Firestore\/(Listen|Write)\/channel$/;
const GRPC_HEADER_BYTES = 5;
/** Sessions nobody has used for this long are forgotten (a client that vanished without terminating). */
const SESSION_IDLE_MS = 10 * 60_000;

interface ChannelSession {
  method: string;
  interceptor: CallInterceptor;
  /** Array ids of the messages the client receives. */
  arrays: Renumbering;
  /** Offsets of the messages the client posts. */
  offsets: Renumbering;
  backchannel: http.ServerResponse | undefined;
  /** Messages of the guard's own waiting for a backchannel to carry them. */
  pending: unknown[];
  usedAt: number;
}

function newSession(method: string, interceptor: CallInterceptor): ChannelSession {
  return {
    method,
    interceptor,
    arrays: new Renumbering(),
    offsets: new Renumbering(),
    backchannel: undefined,
    pending: [],
    usedAt: Date.now(),
  };
}

/** A gRPC frame the interceptor answers with, as the proto3 JSON a WebChannel client reads. */
function frameAsJson(method: string, frame: Buffer): unknown {
  const type = messageType(`${method}Response`);
  // The guard's own answers (a TargetChange with a cause) hold no Timestamp or wrapper fields, so
  // protobufjs' plain form is already their proto3 JSON.
  return type.toObject(type.decode(frame.subarray(GRPC_HEADER_BYTES)), {
    enums: String,
    longs: String,
    bytes: String,
  });
}

export class WebChannelProxy {
  private readonly sessions = new Map<string, ChannelSession>();

  constructor(
    private readonly upstream: Upstream,
    private readonly intercept: InterceptorFactory,
  ) {}

  /** Takes the request if it is a WebChannel exchange of a session the guard can follow. */
  handle(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    const url = new URL(req.url ?? "/", "http://guard");
    const method = CHANNEL_PATH.exec(url.pathname)?.[1];
    if (!method) return false;
    const sid = url.searchParams.get("SID");
    let session = sid === null ? undefined : this.sessions.get(sid);
    if (sid === null && req.method === "POST") {
      const database = url.searchParams.get("database") ?? undefined;
      const interceptor = this.intercept({
        path: `${SERVICE_PREFIX}${method}`,
        resourcePrefix: database,
      });
      if (!interceptor) return false;
      this.forgetIdleSessions();
      session = newSession(method, interceptor);
    }
    if (!session) return false; // a session from before the guard started, or unknown: pipe it
    session.usedAt = Date.now();
    if (url.searchParams.get("TYPE") === "terminate" && sid !== null) this.sessions.delete(sid);
    const aid = url.searchParams.get("AID");
    if (aid !== null) url.searchParams.set("AID", String(session.arrays.toUpstream(Number(aid))));
    const path = `${url.pathname}${url.search}`;
    const isBackchannel = req.method === "GET" && url.searchParams.get("TYPE") === "xmlhttp";
    if (req.method === "POST") {
      void this.forwardPost(req, res, session, path).catch((error: Error) => answerUpstreamError(res, error));
    } else this.relay(req, res, session, upstreamRequest(this.upstream, req, path), isBackchannel).end();
    return true;
  }

  private forgetIdleSessions(): void {
    const now = Date.now();
    for (const [sid, session] of this.sessions)
      if (now - session.usedAt > SESSION_IDLE_MS) this.sessions.delete(sid);
  }

  /** A handshake or forward-channel POST: its messages are checked and billed, rejected targets kept back. */
  private async forwardPost(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    session: ChannelSession,
    path: string,
  ): Promise<void> {
    const body = await readBody(req);
    let forwarded = body;
    try {
      const form = parseChannelForm(body.toString("utf8"));
      const kept: unknown[] = [];
      let firstKept: number | undefined;
      const requestType = messageType(`${session.method}Request`);
      form.messages.forEach((message, i) => {
        const verdict = session.interceptor.onRequest(Buffer.from(encodeProto3Json(requestType, message)));
        if (verdict.action === "drop") {
          session.offsets.remove(form.ofs + i);
          for (const frame of verdict.respond) session.pending.push(frameAsJson(session.method, frame));
        } else {
          kept.push(message);
          firstKept ??= form.ofs + i;
        }
      });
      if (!session.offsets.identity) {
        const ofs = session.offsets.toUpstream(firstKept ?? form.ofs);
        forwarded = Buffer.from(encodeChannelForm({ ...form, ofs, messages: kept }));
      }
    } catch {
      // A body the guard cannot read goes to the emulator as it is; the emulator answers for it.
    }
    const upstream = upstreamRequest(this.upstream, req, path, forwarded.length);
    this.relay(req, res, session, upstream, false).end(forwarded);
    this.flushPending(session);
  }

  /** Relays the emulator's chunks, billing their messages and renumbering them when needed. */
  private relay(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    session: ChannelSession,
    upstream: http.ClientRequest,
    isBackchannel: boolean,
  ): http.ClientRequest {
    const responseType = messageType(`${session.method}Response`);
    upstream.on("response", (answer) => {
      // Chunks may be renumbered, which changes their length: the answer goes out chunked.
      const headers = endToEndHeaders(withoutHeader(answer.rawHeaders, "content-length"));
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers);
      res.flushHeaders();
      if (isBackchannel && answer.statusCode === 200) {
        session.backchannel = res;
        this.flushPending(session);
      }
      const decoder = new StringDecoder("utf8");
      const reader = new ChunkReader();
      answer.on("data", (bytes: Buffer) => {
        const out = reader
          .push(decoder.write(bytes))
          .map((chunk) => this.relayChunk(session, chunk, responseType));
        if (out.length > 0) res.write(out.join(""));
      });
      answer.on("end", () => {
        if (session.backchannel === res) session.backchannel = undefined;
        res.end();
      });
    });
    upstream.on("error", (error) => answerUpstreamError(res, error));
    res.on("close", () => {
      if (session.backchannel === res) session.backchannel = undefined;
      if (!res.writableFinished) upstream.destroy();
    });
    req.on("error", () => upstream.destroy());
    return upstream;
  }

  private relayChunk(
    session: ChannelSession,
    chunk: string,
    responseType: ReturnType<typeof messageType>,
  ): string {
    let parsed: unknown;
    try {
      parsed = JSON.parse(chunk);
    } catch {
      return encodeChunk(chunk);
    }
    if (!Array.isArray(parsed)) return encodeChunk(chunk);
    if (parsed.length === 3 && parsed.every((n) => typeof n === "number")) {
      // A POST's acknowledgement: [backchannelPresent, lastArrayId, outstandingBytes].
      if (session.arrays.identity) return encodeChunk(chunk);
      return encodeChunk(JSON.stringify([parsed[0], session.arrays.toClient(Number(parsed[1])), parsed[2]]));
    }
    const identity = session.arrays.identity;
    const renumbered = parsed.map((entry) => {
      if (!Array.isArray(entry) || typeof entry[0] !== "number") return entry;
      const [id, payload] = entry as [number, unknown];
      const clientId = session.arrays.relayed(id);
      const message = Array.isArray(payload) ? payload[0] : undefined;
      if (Array.isArray(payload) && payload[0] === "c" && typeof payload[1] === "string") {
        this.sessions.set(payload[1], session); // the handshake names the session
      } else if (typeof message === "object" && message !== null) {
        try {
          session.interceptor.onResponse(Buffer.from(encodeProto3Json(responseType, message as Plain)));
        } catch {
          // Counting is best effort; the message still reaches the client.
        }
      }
      return [clientId, payload];
    });
    return identity ? encodeChunk(chunk) : encodeChunk(JSON.stringify(renumbered));
  }

  /** Sends the guard's own messages on the session's open backchannel, numbered after what the client has. */
  private flushPending(session: ChannelSession): void {
    const backchannel = session.backchannel;
    if (!backchannel || session.pending.length === 0) return;
    const entries = session.pending.splice(0).map((message) => [session.arrays.insert(), [message]]);
    backchannel.write(encodeChunk(JSON.stringify(entries)));
  }
}

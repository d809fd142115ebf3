// sum() and avg() responses do not say how many index entries the query matched, which is what they
// are billed on. The guard asks the emulator for count() over the same query on a connection of its
// own; this extra call is never billed.
import http2 from "node:http2";
import { encodeGrpcFrame, GrpcFrameParser } from "./grpc-frames.js";
import type { Plain } from "./protos.js";
import { decodePlain, encodePlain, messages } from "./protos.js";

const RUN_AGGREGATION_QUERY = "/google.firestore.v1.Firestore/RunAggregationQuery";
/** Usage reports wait for side counts; never let a stuck one hold them up for long. */
const SIDE_COUNT_TIMEOUT_MS = 5000;

export class SideCounter {
  private session: http2.ClientHttp2Session | undefined;

  constructor(private readonly upstreamUrl: string) {}

  private connect(): http2.ClientHttp2Session {
    if (!this.session || this.session.closed || this.session.destroyed) {
      this.session = http2.connect(this.upstreamUrl);
      this.session.on("error", () => {});
      this.session.unref();
    }
    return this.session;
  }

  /** How many documents `structuredQuery` under `parent` matches now. */
  count(parent: string, structuredQuery: Plain): Promise<number> {
    const request = encodePlain(messages.RunAggregationQueryRequest, {
      parent,
      structuredAggregationQuery: { structuredQuery, aggregations: [{ alias: "matched", count: {} }] },
    });
    return new Promise((resolve, reject) => {
      const stream = this.connect().request({
        ":method": "POST",
        ":path": RUN_AGGREGATION_QUERY,
        "content-type": "application/grpc",
        te: "trailers",
        authorization: "Bearer owner",
      });
      const parser = new GrpcFrameParser();
      let matched = 0;
      stream.on("data", (chunk: Buffer) => {
        for (const frame of parser.push(chunk)) {
          const response = decodePlain(messages.RunAggregationQueryResponse, frame.payload);
          const fields = (response.result as Plain | undefined)?.aggregateFields as Plain | undefined;
          const value = fields?.matched as Plain | undefined;
          if (value?.integerValue !== undefined) matched = Number(value.integerValue);
        }
      });
      stream.setTimeout(SIDE_COUNT_TIMEOUT_MS, () => {
        stream.close(http2.constants.NGHTTP2_CANCEL);
        reject(new Error("side count timed out"));
      });
      stream.on("end", () => resolve(matched));
      stream.on("error", reject);
      stream.end(encodeGrpcFrame(request));
    });
  }

  close(): void {
    this.session?.destroy();
  }
}

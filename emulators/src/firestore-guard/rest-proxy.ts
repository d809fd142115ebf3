// An inspected REST call: the request body is read whole, turned into the gRPC request and shown to
// the call's interceptor (an index rejection answers here, as production would, and never reaches the
// emulator); the emulator's answer is billed from its JSON and then relayed byte for byte.
import type http from "node:http";
import type { CallInterceptor, RequestVerdict } from "./call-interceptor.js";
import type { Upstream } from "./http1-relay.js";
import { answerUpstreamError, endToEndHeaders, readBody, upstreamRequest } from "./http1-relay.js";
import { encodeProto3Json } from "./proto-json.js";
import type { RestCall } from "./rest-calls.js";
import { grpcCodeOfRestAnswer, restRejection } from "./rest-calls.js";

function parseJson(bytes: Buffer): unknown {
  try {
    return bytes.length > 0 ? JSON.parse(bytes.toString("utf8")) : {};
  } catch {
    return undefined;
  }
}

export async function proxyRestCall(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  call: RestCall,
  interceptor: CallInterceptor,
  upstream: Upstream,
): Promise<void> {
  const body = await readBody(req);
  let verdict: RequestVerdict = { action: "forward" };
  try {
    const request = encodeProto3Json(call.requestType, call.request(parseJson(body)));
    verdict = interceptor.onRequest(Buffer.from(request));
  } catch {
    // A body the guard cannot read goes to the emulator, which reports what is wrong with it.
  }
  if (verdict.action === "reject") {
    interceptor.onEnd(verdict.code);
    const rejection = restRejection(call.method, verdict.code, verdict.message);
    res.writeHead(rejection.status, { "content-type": "application/json; charset=UTF-8" });
    res.end(rejection.body);
    return;
  }

  const forwarded = upstreamRequest(upstream, req);
  forwarded.on("response", (answer) => {
    void readBody(answer).then(
      (answerBody) => {
        const status = answer.statusCode ?? 502;
        // Billed before the client sees the answer, so a usage report it asks for next includes it.
        const json = parseJson(answerBody);
        const code = grpcCodeOfRestAnswer(status, json);
        if (code === 0 && interceptor.inspectsResponses) {
          // The streamed methods answer a JSON array of responses, the unary ones a single object.
          for (const message of Array.isArray(json) ? json : [json]) {
            try {
              interceptor.onResponse(Buffer.from(encodeProto3Json(call.responseType, message)));
            } catch {
              // Counting is best effort; the answer still reaches the client unchanged.
            }
          }
        }
        interceptor.onEnd(code);
        res.writeHead(status, answer.statusMessage, endToEndHeaders(answer.rawHeaders));
        res.end(answerBody);
      },
      (error: Error) => answerUpstreamError(res, error),
    );
  });
  forwarded.on("error", (error) => {
    interceptor.onEnd(null);
    answerUpstreamError(res, error);
  });
  res.on("close", () => {
    if (!res.writableFinished) forwarded.destroy();
  });
  forwarded.end(body);
}

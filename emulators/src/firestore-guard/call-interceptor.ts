// The contract between the transparent gRPC proxy and the Firestore-specific logic that inspects a
// call. The proxy forwards original bytes; an interceptor only sees decoded copies and may veto a
// request message (index enforcement) or observe responses and the final status (billing).

export type RequestVerdict =
  | { action: "forward" }
  /** Fail the whole call with this gRPC status; the message is not forwarded. */
  | { action: "reject"; code: number; message: string }
  /** Swallow this message of a bidi stream and send these response frames to the client instead. */
  | { action: "drop"; respond: Buffer[] };

export interface CallInterceptor {
  /** When false the proxy pipes responses through without parsing them. */
  readonly inspectsResponses: boolean;
  /**
   * When false, onRequest only watches (it always forwards), so the proxy need not hold a request
   * until it has been read: the bytes go on at once and onRequest sees them just after.
   */
  readonly vetoesRequests: boolean;
  onRequest(message: Buffer): RequestVerdict;
  onResponse(message: Buffer): void;
  /** The call's gRPC status, or null when it broke off without one (reset, disconnect). */
  onEnd(grpcStatus: number | null): void;
}

export interface CallContext {
  /** e.g. "/google.firestore.v1.Firestore/RunQuery" */
  path: string;
  /** The `google-cloud-resource-prefix` header when the SDK sent one: projects/{p}/databases/{d}. */
  resourcePrefix: string | undefined;
}

export type InterceptorFactory = (call: CallContext) => CallInterceptor | undefined;

export interface AdminResponse {
  status: number;
  body: unknown;
}

/** Serves the guard's own HTTP endpoints; returns undefined for paths it does not own. */
export type AdminHandler = (method: string, path: string) => Promise<AdminResponse> | undefined;

export const GUARD_PATH_PREFIX = "/guard/";

/** The gRPC path of every Firestore method starts with this; REST calls are mapped onto the same paths. */
export const SERVICE_PREFIX = "/google.firestore.v1.Firestore/";

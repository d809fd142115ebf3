import { stack } from "./stack.js";

export interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the API answered and assert on it.
  json: any;
}

export interface CallOptions {
  body?: unknown;
  /** A Firebase ID token, sent as `Authorization: Bearer`. */
  token?: string;
  apiKey?: string;
  headers?: Record<string, string>;
}

/** One call to the REST API under /v1, as a plain HTTPS client makes it. */
export async function call(method: string, path: string, options: CallOptions = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.apiKey) headers["X-API-Key"] = options.apiKey;
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    throw new Error(`${method} ${path} answered ${response.status} with a body that is not JSON: ${text}`);
  }
  return { status: response.status, headers: response.headers, json };
}

/** The error code of a response, after checking it has the one error body. */
export function errorCode(response: ApiResponse): string {
  const error = (response.json as ErrorBody | undefined)?.error;
  if (!error || typeof error.code !== "string" || typeof error.message !== "string" || !error.details)
    throw new Error(`Expected the error body, got ${response.status} ${JSON.stringify(response.json)}`);
  return error.code;
}

/** Field paths named by a 400's details, sorted, e.g. `["body.pricing.hourlyDof"]`. */
export function issuePaths(response: ApiResponse): string[] {
  const issues = (response.json as ErrorBody).error.details.issues as { path: string }[] | undefined;
  return (issues ?? []).map((issue) => issue.path).sort();
}

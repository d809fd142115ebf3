/**
 * The emulator's administrative endpoints, used by firebase-tools and the SDKs' test helpers:
 * `/.settings/rules.json` (GET/PUT), `/.settings/functionTriggers.json` (POST) and
 * `/.inspect/databases.json` (GET). All but the inspect listing require the owner credential.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Principal } from "./auth.js";
import { HttpError, parseJsonBody, readBody, sendError, sendJson, sendText } from "./http-io.js";
import { RulesError } from "./rules/ruleset.js";
import { InvalidTriggerError } from "./trigger-registry.js";

export interface AdminHost {
  rulesSource(namespace: string): string;
  /** Throws RulesError when the source does not parse. */
  setRules(namespace: string, source: string): void;
  registerTrigger(body: unknown, namespaceParam: string | null): void;
  namespaceNames(): string[];
}

export const ADMIN_PATHS = [
  "/.settings/rules.json",
  "/.settings/functionTriggers.json",
  "/.inspect/databases.json",
];

export async function handleAdmin(
  host: AdminHost,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  namespace: string,
  principal: Principal,
): Promise<void> {
  const method = req.method ?? "GET";
  try {
    if (url.pathname === "/.inspect/databases.json") {
      sendJson(
        res,
        200,
        host.namespaceNames().map((name) => ({ name })),
      );
      return;
    }
    if (principal.kind !== "admin") throw new HttpError(401, "Permission denied");
    if (url.pathname === "/.settings/rules.json") {
      if (method === "GET") {
        sendText(res, 200, host.rulesSource(namespace));
        return;
      }
      if (method === "PUT") {
        host.setRules(namespace, await readBody(req));
        sendJson(res, 200, { status: "ok" });
        return;
      }
    }
    if (url.pathname === "/.settings/functionTriggers.json" && method === "POST") {
      host.registerTrigger(parseJsonBody(await readBody(req)), url.searchParams.get("ns"));
      sendJson(res, 200, {});
      return;
    }
    throw new HttpError(405, `${method} not supported on ${url.pathname}`);
  } catch (error) {
    if (error instanceof HttpError) sendError(res, error.status, error.message);
    else if (error instanceof RulesError || error instanceof InvalidTriggerError)
      sendError(res, 400, error.message);
    else throw error;
  }
}

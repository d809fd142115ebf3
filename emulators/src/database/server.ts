/**
 * The emulator process: one HTTP server carrying the REST API, the admin endpoints and the
 * `/.ws` WebSocket endpoint, over any number of isolated namespaces.
 */
import { readFileSync, unwatchFile, watchFile } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { ADMIN_PATHS, type AdminHost, handleAdmin } from "./admin-endpoints.js";
import { InvalidTokenError, type Principal, principalFromToken } from "./auth.js";
import type { EventStream } from "./event-stream.js";
import { sendError } from "./http-io.js";
import { DatabaseNamespace } from "./namespace.js";
import { dataPathFromUrl, handleRest } from "./rest.js";
import { RuleSet } from "./rules/ruleset.js";
import { type FunctionsEmulatorAddress, TriggerDispatcher } from "./triggers.js";
import { WireConnection } from "./wire-protocol.js";

export interface ServerOptions {
  host: string;
  port: number;
  rulesFile?: string;
  projectId?: string;
  functionsEmulator?: FunctionsEmulatorAddress;
  log?: (message: string) => void;
}

function bearerToken(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers.authorization;
  const fromHeader = header?.startsWith("Bearer ") ? header.slice("Bearer ".length).trim() : undefined;
  return url.searchParams.get("auth") ?? url.searchParams.get("access_token") ?? fromHeader;
}

export class DatabaseEmulatorServer implements AdminHost {
  private readonly namespaces = new Map<string, { db: DatabaseNamespace; explicitRules: boolean }>();
  private readonly connections = new Set<WireConnection>();
  private readonly openStreams = new Set<EventStream>();
  private readonly http: Server;
  private readonly sockets: WebSocketServer;
  private defaultRules: RuleSet;
  readonly triggers: TriggerDispatcher;
  readonly log: (message: string) => void;
  functionsEmulator: FunctionsEmulatorAddress | undefined;

  constructor(private readonly options: ServerOptions) {
    this.log = options.log ?? ((message) => process.stderr.write(`[database] ${message}\n`));
    this.functionsEmulator = options.functionsEmulator;
    this.defaultRules = options.rulesFile
      ? this.loadRulesFile(options.rulesFile)
      : RuleSet.openAccess(this.log);
    this.triggers = new TriggerDispatcher(() => this.functionsEmulator, this.log);
    this.sockets = new WebSocketServer({ noServer: true, perMessageDeflate: false });
    this.http = createServer((req, res) => void this.onRequest(req, res));
    this.http.on("upgrade", (req, socket, head) => this.onUpgrade(req, socket, head));
  }

  private loadRulesFile(file: string): RuleSet {
    return new RuleSet(readFileSync(file, "utf8"), this.log);
  }

  get defaultNamespace(): string {
    return this.options.projectId ? `${this.options.projectId}-default-rtdb` : "fake-server";
  }

  namespace(name: string): DatabaseNamespace {
    let entry = this.namespaces.get(name);
    if (!entry) {
      const db = new DatabaseNamespace(name, this.defaultRules, (write) => this.triggers.onCommit(write));
      entry = { db, explicitRules: false };
      this.namespaces.set(name, entry);
    }
    return entry.db;
  }

  namespaceNames(): string[] {
    return [...this.namespaces.keys()];
  }

  rulesSource(namespace: string): string {
    return this.namespace(namespace).rules.source;
  }

  setRules(namespace: string, source: string): void {
    const db = this.namespace(namespace);
    db.rules = new RuleSet(source, this.log);
    (this.namespaces.get(namespace) as { explicitRules: boolean }).explicitRules = true;
    this.recheckReads();
  }

  registerTrigger(body: unknown, namespaceParam: string | null): void {
    this.triggers.register(body, namespaceParam);
  }

  private recheckReads(): void {
    for (const connection of this.connections) connection.recheckListens();
    for (const stream of [...this.openStreams]) stream.recheck();
  }

  private namespaceFor(req: IncomingMessage, url: URL): string {
    const fromParam = url.searchParams.get("ns");
    if (fromParam) return fromParam;
    const hostname = (req.headers.host ?? "").replace(/:\d+$/, "");
    if (hostname.endsWith(".localhost")) return hostname.slice(0, hostname.indexOf("."));
    return this.defaultNamespace;
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== "/.ws") {
      socket.destroy();
      return;
    }
    const namespace = this.namespace(this.namespaceFor(req, url));
    this.sockets.handleUpgrade(req, socket, head, (ws) => {
      const connection = new WireConnection(ws, namespace, req.headers.host ?? "localhost", {
        log: this.log,
        closed: (closed) => this.connections.delete(closed),
      });
      this.connections.add(connection);
    });
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader("Access-Control-Allow-Origin", "*");
    const url = new URL(req.url ?? "/", "http://localhost");
    const override = req.headers["x-http-method-override"] ?? url.searchParams.get("x-http-method-override");
    const method = (typeof override === "string" ? override : (req.method ?? "GET")).toUpperCase();
    if (method === "OPTIONS") {
      res.writeHead(200, {
        "Access-Control-Allow-Methods": "GET, PUT, POST, PATCH, DELETE, OPTIONS",
        "Access-Control-Allow-Headers": "Authorization, Content-Type, If-Match, X-Firebase-ETag",
      });
      res.end();
      return;
    }
    let principal: Principal;
    try {
      principal = principalFromToken(bearerToken(req, url));
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      sendError(res, 401, error.message);
      return;
    }
    const namespace = this.namespaceFor(req, url);
    try {
      if (ADMIN_PATHS.includes(url.pathname)) {
        await handleAdmin(this, req, res, url, namespace, principal);
        return;
      }
      const path = dataPathFromUrl(url.pathname);
      const db = this.namespace(namespace);
      await handleRest({
        req,
        res,
        method,
        url,
        path,
        namespace: db,
        principal,
        log: this.log,
        openStreams: this.openStreams,
      });
    } catch (error) {
      this.log(`${method} ${url.pathname} failed: ${(error as Error).message}`);
      if (!res.headersSent) sendError(res, 400, (error as Error).message);
    }
  }

  async listen(): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.http.once("error", reject);
      this.http.listen(this.options.port, this.options.host, () => resolve());
    });
    if (this.options.rulesFile) this.watchRules(this.options.rulesFile);
    return this.http.address() as AddressInfo;
  }

  private watchRules(file: string): void {
    watchFile(file, { interval: 250 }, (current, previous) => {
      if (current.mtimeMs === previous.mtimeMs) return;
      try {
        this.defaultRules = this.loadRulesFile(file);
      } catch (error) {
        this.log(`Rules in ${file} not reloaded: ${(error as Error).message}`);
        return;
      }
      for (const entry of this.namespaces.values())
        if (!entry.explicitRules) entry.db.rules = this.defaultRules;
      this.log(`Reloaded rules from ${file}`);
      this.recheckReads();
    });
  }

  reset(namespace?: string): void {
    const targets =
      namespace === undefined
        ? [...this.namespaces.values()].map((entry) => entry.db)
        : [this.namespace(namespace)];
    for (const db of targets) db.reset();
  }

  async close(): Promise<void> {
    if (this.options.rulesFile) unwatchFile(this.options.rulesFile);
    for (const stream of [...this.openStreams]) stream.end();
    for (const client of this.sockets.clients) client.terminate();
    this.sockets.close();
    await new Promise<void>((resolve) => {
      this.http.close(() => resolve());
      this.http.closeAllConnections();
    });
  }
}

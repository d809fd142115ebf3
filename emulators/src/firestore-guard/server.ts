// One listening port, two protocols: gRPC clients speak HTTP/2 with prior knowledge (h2c) while the
// emulator's REST endpoints and WebChannel are HTTP/1.1 — exactly like the emulator's own port. Each
// connection is routed by its first bytes: the HTTP/2 client preface starts with "PRI * HTTP/2.0".
import http from "node:http";
import http2 from "node:http2";
import net from "node:net";
import type { AdminHandler, InterceptorFactory } from "./call-interceptor.js";
import { attachHttp1Proxy } from "./proxy-h1.js";
import { attachHttp2Proxy } from "./proxy-h2.js";

const H2_PREFACE_START = Buffer.from("PRI ");

export interface ProxyServerOptions {
  host: string;
  port: number;
  upstreamHost: string;
  upstreamPort: number;
  intercept: InterceptorFactory;
  admin: AdminHandler;
}

export interface ProxyServer {
  host: string;
  port: number;
  close(): Promise<void>;
}

export async function startProxyServer(options: ProxyServerOptions): Promise<ProxyServer> {
  const h1 = http.createServer({ requestTimeout: 0, keepAliveTimeout: 60_000 });
  const h2 = http2.createServer({ settings: { initialWindowSize: 4 * 1024 * 1024 } });
  const closeH1 = attachHttp1Proxy(h1, options);
  const closeH2 = attachHttp2Proxy(h2, {
    upstreamUrl: `http://${options.upstreamHost}:${options.upstreamPort}`,
    intercept: options.intercept,
    admin: options.admin,
  });
  const sockets = new Set<net.Socket>();
  const sessions = new Set<http2.ServerHttp2Session>();
  h2.on("session", (session) => {
    sessions.add(session);
    session.on("close", () => sessions.delete(session));
  });

  const listener = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    socket.setNoDelay(true);
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const compared = Math.min(head.length, H2_PREFACE_START.length);
      const isH2 = head.subarray(0, compared).equals(H2_PREFACE_START.subarray(0, compared));
      if (isH2 && head.length < H2_PREFACE_START.length) return; // too short to tell yet
      socket.removeListener("data", onData);
      socket.pause();
      socket.unshift(head);
      if (isH2) {
        // node's HTTP/2 session takes over the socket and first replays what is already buffered.
        h2.emit("connection", socket);
      } else {
        // The HTTP/1.1 parser reads the replayed bytes as 'data' once the socket flows again.
        h1.emit("connection", socket);
        socket.resume();
      }
    };
    socket.on("data", onData);
  });

  await new Promise<void>((resolve, reject) => {
    listener.once("error", reject);
    listener.listen(options.port, options.host, () => resolve());
  });
  const address = listener.address() as net.AddressInfo;

  return {
    host: options.host,
    port: address.port,
    close: async () => {
      const closed = new Promise<void>((resolve) => listener.close(() => resolve()));
      for (const session of sessions) session.destroy();
      for (const socket of sockets) socket.destroy();
      closeH1();
      closeH2();
      h1.close();
      h2.close();
      await closed;
    },
  };
}

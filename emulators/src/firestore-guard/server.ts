// One listening port, two protocols: gRPC clients speak HTTP/2 with prior knowledge (h2c) while the
// emulator's REST endpoints and WebChannel are HTTP/1.1 — exactly like the emulator's own port. Each
// connection is routed by its first bytes: the HTTP/2 client preface starts with "PRI * HTTP/2.0".
import http from "node:http";
import net from "node:net";
import type { AdminHandler, InterceptorFactory } from "./call-interceptor.js";
import { relayHttp2Connection } from "./h2/relay.js";
import { attachHttp1Proxy } from "./proxy-h1.js";

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
  const closeH1 = attachHttp1Proxy(h1, options);
  const sockets = new Set<net.Socket>();

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
        // The relay reads the replayed bytes first when it resumes the socket.
        relayHttp2Connection(socket, options);
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
      for (const socket of sockets) socket.destroy();
      closeH1();
      h1.close();
      await closed;
    },
  };
}

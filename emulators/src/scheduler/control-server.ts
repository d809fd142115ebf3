import { createServer, type Server } from "node:http";
import type { LocalScheduler } from "./local-scheduler.js";

const runPath = /^\/jobs\/([A-Za-z0-9_-]+):run$/;

function send(res: import("node:http").ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
}

/**
 * A small HTTP face for the scheduler: `GET /jobs` lists the scheduled functions and their next runs;
 * `POST /jobs/{name}:run` (optional `?scheduleTime=ISO`) fires one now and answers when it has finished.
 */
export function serveScheduler(scheduler: LocalScheduler, host: string, port: number): Promise<Server> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", `http://${host}`);
    try {
      if (req.method === "GET" && url.pathname === "/jobs") {
        await scheduler.refresh();
        send(res, 200, { jobs: scheduler.list() });
        return;
      }
      const run = runPath.exec(url.pathname);
      if (req.method === "POST" && run?.[1]) {
        const requested = url.searchParams.get("scheduleTime");
        const scheduledFor = requested ? new Date(requested) : undefined;
        if (scheduledFor && Number.isNaN(scheduledFor.getTime())) {
          send(res, 400, { error: { code: "invalidArgument", message: "scheduleTime is not a valid date" } });
          return;
        }
        const outcome = await scheduler.runNow(run[1], scheduledFor);
        send(res, outcome.status === "succeeded" ? 200 : 502, outcome);
        return;
      }
      send(res, 404, { error: { code: "notFound", message: `No route ${req.method} ${url.pathname}` } });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      send(res, /No scheduled function/.test(message) ? 404 : 500, { error: { code: "failed", message } });
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}

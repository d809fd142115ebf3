// The guard's own HTTP endpoints, under /guard/v1 — a prefix the emulator never uses — on the same
// port as the proxied traffic, over HTTP/1.1 or HTTP/2:
//   GET    /guard/v1/status                  mode, indexes file, rejections, warnings
//   GET    /guard/v1/projects/{p}/usage      billed reads/writes/deletes (UsageReport)
//   DELETE /guard/v1/projects/{p}/usage      reset that project's counters
//   DELETE /guard/v1/usage                   reset every project's counters
import type { AdminHandler, AdminResponse } from "./call-interceptor.js";
import type { IndexEnforcer } from "./index-enforcer.js";
import type { UsageStore } from "./usage-store.js";

export function adminEndpoints(enforcer: IndexEnforcer, usage: UsageStore, upstream: string): AdminHandler {
  return (method, rawPath) => {
    const path = (rawPath.split("?")[0] ?? "").replace(/\/+$/, "");
    const respond = async (work: () => Promise<unknown> | unknown, status = 200): Promise<AdminResponse> => ({
      status,
      body: await work(),
    });
    if (path === "/guard/v1/status" && method === "GET") {
      return respond(() => ({ ...enforcer.status(), upstream, projects: usage.projectIds() }));
    }
    if (path === "/guard/v1/usage" && method === "DELETE") {
      return respond(async () => {
        await usage.reset();
        return { reset: "all" };
      });
    }
    const match = /^\/guard\/v1\/projects\/([^/]+)\/usage$/.exec(path);
    const projectId = match ? decodeURIComponent(match[1] as string) : undefined;
    if (projectId !== undefined && method === "GET") return respond(() => usage.report(projectId));
    if (projectId !== undefined && method === "DELETE") {
      return respond(async () => {
        await usage.reset(projectId);
        return { reset: projectId };
      });
    }
    return respond(() => ({ error: `firestore guard: no endpoint ${method} ${path}` }), 404);
  };
}

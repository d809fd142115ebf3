import type { z } from "zod";
import { type PageQuery, paginate } from "../http/pagination.js";
import { takesPartIn } from "./end.js";
import { sessionRef, sessions } from "./repo.js";
import type { SessionListQuery } from "./requests.js";
import { sessionNotFound } from "./usage.js";
import { type SessionView, sessionView } from "./views.js";

/** The caller's sessions as hirer (the default) or as the agents' owner, newest first. */
export async function listSessions(
  uid: string,
  query: z.infer<typeof SessionListQuery>,
): Promise<{ items: SessionView[]; nextCursor: string | null }> {
  let filtered = sessions().where(query.role === "owner" ? "ownerUid" : "hirerUid", "==", uid);
  if (query.status) filtered = filtered.where("status", "==", query.status);
  const page: PageQuery = { limit: query.limit, cursor: query.cursor };
  const result = await paginate(filtered, [{ field: "createdAt", direction: "desc" }], page);
  return { items: result.items.map(sessionView), nextCursor: result.nextCursor };
}

export async function getSession(uid: string, sessionId: string): Promise<SessionView> {
  const session = (await sessionRef(sessionId).get()).data();
  if (!session || !takesPartIn(session, uid)) throw sessionNotFound(sessionId);
  return sessionView(session);
}

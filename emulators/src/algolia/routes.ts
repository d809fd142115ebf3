/**
 * The REST routes of Algolia's Search API that the emulator serves, each with the ACL a key needs for it
 * (as in Algolia's API reference). Paths are `/1/...`; index names and objectIDs are URL-encoded segments.
 */
import { AlgoliaError, objectBody } from "./http.js";
import { applyAction, applyPartial, parseBatch } from "./record-writes.js";
import { searchIndex } from "./search.js";
import { defaultSettings } from "./settings.js";
import type { AlgoliaStore } from "./store.js";

export type Acl =
  | "search"
  | "browse"
  | "addObject"
  | "deleteObject"
  | "deleteIndex"
  | "settings"
  | "editSettings"
  | "listIndexes";

export interface RouteRequest {
  body: unknown;
  query: URLSearchParams;
}

export interface Route {
  acl: Acl;
  run(request: RouteRequest): unknown;
}

const now = () => new Date().toISOString();

function objectResponse(store: AlgoliaStore, indexName: string, objectID: string, body: unknown) {
  const index = store.writable(indexName);
  store.saveRecord(index, objectBody(body, "The record"), objectID);
  return { taskID: store.task(), objectID, updatedAt: now() };
}

function multiSearch(store: AlgoliaStore, body: unknown) {
  const requests = objectBody(body, "The search").requests;
  if (!Array.isArray(requests)) throw new AlgoliaError(400, "requests must be a list");
  const results = requests.map((entry, position) => {
    const request = objectBody(entry, `requests[${position}]`);
    if (typeof request.indexName !== "string") {
      throw new AlgoliaError(400, `indexName is required at requests[${position}]`);
    }
    if (request.type === "facet") throw new AlgoliaError(400, "Searching for facet values is not supported");
    return searchIndex(store, store.existing(request.indexName), request);
  });
  return { results };
}

function multiBatch(store: AlgoliaStore, body: unknown) {
  const requests = parseBatch(body, true);
  const indexes = new Map(requests.map((request) => [request.indexName as string, undefined]));
  for (const name of indexes.keys()) store.writable(name);
  const objectIDs = requests.map((request) =>
    applyAction(store, store.writable(request.indexName as string), request),
  );
  return {
    taskID: Object.fromEntries([...indexes.keys()].map((name) => [name, store.task()])),
    objectIDs: objectIDs.filter((id) => id !== undefined),
  };
}

function getObjects(store: AlgoliaStore, body: unknown) {
  const requests = objectBody(body, "The request").requests;
  if (!Array.isArray(requests)) throw new AlgoliaError(400, "requests must be a list");
  return {
    results: requests.map((entry) => {
      const { indexName, objectID } = objectBody(entry, "Each request");
      const index = typeof indexName === "string" ? store.find(indexName) : undefined;
      return (index && typeof objectID === "string" && store.recordsOf(index).get(objectID)) || null;
    }),
  };
}

function listIndexes(store: AlgoliaStore) {
  const items = store.list().map((index) => ({
    name: index.name,
    createdAt: index.createdAt,
    updatedAt: index.updatedAt,
    entries: store.recordsOf(index).size,
    dataSize: 0,
    fileSize: 0,
    lastBuildTimeS: 0,
    numberOfPendingTasks: 0,
    pendingTask: false,
    ...(index.primary ? { primary: index.primary } : {}),
    ...(store.replicasOf(index).length > 0 ? { replicas: store.replicasOf(index).map((r) => r.name) } : {}),
  }));
  return { items, nbPages: 1 };
}

/** The route for a method and the path segments after `/1/`, or undefined (404). */
export function findRoute(store: AlgoliaStore, method: string, segments: string[]): Route | undefined {
  const [collection, name, action, extra, ...rest] = segments;
  if (rest.length > 0) return undefined;
  if (collection === "task" && name && !action && method === "GET") {
    return { acl: "addObject", run: () => taskStatus(store, name) };
  }
  if (collection !== "indexes") return undefined;
  if (!name) return method === "GET" ? { acl: "listIndexes", run: () => listIndexes(store) } : undefined;

  if (name === "*") {
    if (method !== "POST" || extra) return undefined;
    if (action === "queries") return { acl: "search", run: ({ body }) => multiSearch(store, body) };
    if (action === "objects") return { acl: "search", run: ({ body }) => getObjects(store, body) };
    if (action === "batch") return { acl: "addObject", run: ({ body }) => multiBatch(store, body) };
    return undefined;
  }
  if (!action) return indexRoute(store, method, name);
  if (extra) {
    if (action === "task" && method === "GET")
      return { acl: "addObject", run: () => taskStatus(store, extra) };
    if (extra === "partial" && method === "POST") {
      return { acl: "addObject", run: ({ body, query }) => partialUpdate(store, name, action, body, query) };
    }
    return undefined;
  }
  return indexActionRoute(store, method, name, action);
}

function taskStatus(store: AlgoliaStore, taskId: string) {
  if (!store.taskExists(Number(taskId))) throw new AlgoliaError(404, "Task does not exist");
  return { status: "published", pendingTask: false };
}

function indexRoute(store: AlgoliaStore, method: string, name: string): Route | undefined {
  if (method === "POST") {
    return {
      acl: "addObject",
      run: ({ body }) => {
        const record = store.saveRecord(store.writable(name), objectBody(body, "The record"));
        return { taskID: store.task(), objectID: record.objectID, createdAt: now() };
      },
    };
  }
  if (method === "DELETE") {
    return {
      acl: "deleteIndex",
      run: () => {
        store.deleteIndex(name);
        return { taskID: store.task(), deletedAt: now() };
      },
    };
  }
  return undefined;
}

function indexActionRoute(
  store: AlgoliaStore,
  method: string,
  name: string,
  action: string,
): Route | undefined {
  const key = `${method} ${action}`;
  if (key === "POST query") {
    return {
      acl: "search",
      run: ({ body }) => searchIndex(store, store.existing(name), objectBody(body, "The search")),
    };
  }
  if (key === "POST batch") {
    return {
      acl: "addObject",
      run: ({ body }) => {
        const requests = parseBatch(body, false);
        const index = store.writable(name);
        const objectIDs = requests.map((request) => applyAction(store, index, request));
        return { taskID: store.task(), objectIDs: objectIDs.filter((id) => id !== undefined) };
      },
    };
  }
  if (key === "POST clear") {
    return {
      acl: "deleteIndex",
      run: () => {
        store.clear(name);
        return { taskID: store.task(), updatedAt: now() };
      },
    };
  }
  if (key === "GET settings") {
    return { acl: "settings", run: () => settingsOf(store, name) };
  }
  if (key === "PUT settings") {
    return {
      acl: "editSettings",
      run: ({ body, query }) => {
        store.setSettings(name, objectBody(body, "The settings"), query.get("forwardToReplicas") === "true");
        return { taskID: store.task(), updatedAt: now() };
      },
    };
  }
  if (method === "GET") {
    return {
      acl: "search",
      run: ({ query }) => {
        const record = store.recordsOf(store.existing(name)).get(action);
        if (!record) throw new AlgoliaError(404, "ObjectID does not exist");
        const wanted = query.get("attributesToRetrieve")?.split(",");
        if (!wanted || wanted.includes("*")) return record;
        return Object.fromEntries(
          Object.entries(record).filter(([key]) => key === "objectID" || wanted.includes(key)),
        );
      },
    };
  }
  if (method === "PUT") {
    return { acl: "addObject", run: ({ body }) => objectResponse(store, name, action, body) };
  }
  if (method === "DELETE") {
    return {
      acl: "deleteObject",
      run: () => {
        store.writable(name).records.delete(action);
        return { taskID: store.task(), deletedAt: now() };
      },
    };
  }
  return undefined;
}

function settingsOf(store: AlgoliaStore, name: string) {
  const index = store.existing(name);
  return {
    ...defaultSettings,
    ...index.settings,
    ...(index.primary ? { primary: index.primary } : {}),
  };
}

function partialUpdate(
  store: AlgoliaStore,
  name: string,
  objectID: string,
  body: unknown,
  query: URLSearchParams,
) {
  const index = store.writable(name);
  const existing = index.records.get(objectID);
  if (existing || query.get("createIfNotExists") !== "false") {
    const next = applyPartial(existing, objectBody(body, "The update"), objectID);
    if (next) index.records.set(objectID, next);
  }
  return { taskID: store.task(), objectID, updatedAt: now() };
}

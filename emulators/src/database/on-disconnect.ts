/**
 * A connection's onDisconnect operations: authorized when queued (like production), run in
 * order when the socket goes away, and cancellable per location (`oc` cancels the location and
 * everything below it).
 */
import type { Principal } from "./auth.js";
import type { DatabaseNamespace } from "./namespace.js";
import { isPrefix, pathToString } from "./path.js";

interface QueuedOperation {
  path: readonly string[];
  kind: "set" | "merge";
  data: unknown;
}

export class OnDisconnectQueue {
  private operations: QueuedOperation[] = [];

  /** Returns false when the rules would refuse the write now. */
  add(namespace: DatabaseNamespace, operation: QueuedOperation, principal: Principal): boolean {
    const outcome = namespace.write({ ...operation, principal, dryRun: true });
    if (outcome.status !== "ok") return false;
    this.operations.push(operation);
    return true;
  }

  cancel(path: readonly string[]): void {
    this.operations = this.operations.filter((operation) => !isPrefix(path, operation.path));
  }

  runAll(namespace: DatabaseNamespace, principal: Principal, log: (message: string) => void): void {
    const operations = this.operations;
    this.operations = [];
    for (const operation of operations) {
      try {
        namespace.write({ ...operation, principal, skipRules: true });
      } catch (error) {
        log(`onDisconnect write to ${pathToString(operation.path)} failed: ${(error as Error).message}`);
      }
    }
  }
}

import { delay } from "./emulator-suite.js";

/**
 * Polls `probe` until it resolves true, the `abort` promise settles (the suite died), or time runs out.
 * Connection errors count as "not yet".
 */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  options: { timeoutMs: number; abort: Promise<unknown> },
): Promise<void> {
  let aborted = false;
  void options.abort.then(() => {
    aborted = true;
  });
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (aborted) throw new Error(`The emulator suite exited while waiting for ${what}`);
    if (await probe().catch(() => false)) return;
    await delay(250);
  }
  throw new Error(`Timed out after ${options.timeoutMs} ms waiting for ${what}`);
}

export async function hubListsEmulators(hubOrigin: string, emulators: string[]): Promise<boolean> {
  const response = await fetch(`${hubOrigin}/emulators`);
  if (!response.ok) return false;
  const running = (await response.json()) as Record<string, unknown>;
  return emulators.every((name) => name in running);
}

export async function answersOk(url: string): Promise<boolean> {
  const response = await fetch(url);
  await response.arrayBuffer();
  return response.ok;
}

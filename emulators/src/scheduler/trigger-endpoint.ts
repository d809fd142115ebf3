export interface TriggerAnswer {
  /** The generation whose key answered; pass it next time to skip the walk. */
  generation: number;
  status: number;
  text: string;
}

const maxGenerationsToSkip = 50;

/**
 * POSTs to a background function through the Functions emulator's trigger endpoint, as the database
 * emulators and Cloud Scheduler do; the answer comes when the function has finished.
 *
 * The emulator suffixes trigger keys with a generation that grows each time it reloads the functions, and
 * answers 204 for keys of an older generation; so on 204 the next generation is tried. A 404 (no such
 * function) or any other answer ends the walk and is returned as it is.
 */
export async function postToTrigger(options: {
  functionsOrigin: string;
  projectId: string;
  /** The emulator's trigger id, `${region}-${functionName}`. */
  triggerId: string;
  fromGeneration: number;
  headers: Record<string, string>;
  body: string;
}): Promise<TriggerAnswer> {
  const { functionsOrigin, projectId, triggerId, fromGeneration } = options;
  for (let generation = fromGeneration; generation < fromGeneration + maxGenerationsToSkip; generation++) {
    const url = `${functionsOrigin}/functions/projects/${projectId}/triggers/${triggerId}-${generation}`;
    const response = await fetch(url, { method: "POST", headers: options.headers, body: options.body });
    const text = await response.text();
    if (response.status !== 204) return { generation, status: response.status, text };
  }
  return { generation: fromGeneration, status: 404, text: `No enabled trigger for ${triggerId}` };
}

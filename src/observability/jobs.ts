/** Reports one attempt of a background job: its task, whether it succeeded, and how long it ran. */
export type JobObserver = (task: string, outcome: "success" | "failure", seconds: number) => void;

/** Runs one attempt of a job of `task`, reporting it to `observer` (if any). */
export async function timeJob<T>(observer: JobObserver | undefined, task: string, run: () => Promise<T>): Promise<T> {
  if (!observer) return run();
  const started = performance.now();
  let outcome: "success" | "failure" = "failure";
  try {
    const result = await run();
    outcome = "success";
    return result;
  } finally {
    observer(task, outcome, (performance.now() - started) / 1000);
  }
}

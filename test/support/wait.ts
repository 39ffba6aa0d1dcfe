/**
 * A bounded poll for a condition that becomes true eventually (a background job finished, a subscription attached,
 * a log line flushed). Not for proving that something does NOT happen: cause a sentinel event after it and await
 * that instead (see test/e2e/subscriptions.test.ts).
 */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, ms = 5_000, every = 10): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}

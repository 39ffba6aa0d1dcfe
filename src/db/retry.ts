/**
 * Runs `run` again while it fails with an error `shouldRetry` accepts (a deadlock victim, a lost race on a
 * unique index: see src/db/errors.ts), at most `attempts` times in all. The last attempt's error is thrown;
 * any other error is thrown at once. `run` must be a whole transaction, so that a retry starts over on the
 * committed state.
 */
export async function retryOn<T>(shouldRetry: (error: unknown) => boolean, run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !shouldRetry(error)) throw error;
    }
  }
}

/**
 * Deadlines for database work: a postgres.js query on a connection the network silently dropped
 * can wait forever, so every wait on the database that a request, the health check or the
 * listener depends on is raced against a timer.
 */

/** Rejection of `withDeadline` when the time ran out (the work itself is not cancelled). */
export class DeadlineError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} took longer than ${ms} ms`);
    this.name = "DeadlineError";
  }
}

/**
 * Settle like `work`, or reject with DeadlineError after `ms` milliseconds, whichever is first.
 * A late rejection of `work` is swallowed (nobody waits for it any more).
 */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(what, ms)), ms);
  });
  work.catch(() => {});
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

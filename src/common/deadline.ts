/**
 * `work`, or a rejection once `ms` have passed. For clients that bound only part of a wait: node-redis bounds the wait
 * to be written, and a command written to a Redis that stopped reading (frozen, partitioned) waits for ever.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export class DeadlineError extends Error {
  override name = "DeadlineError";
}

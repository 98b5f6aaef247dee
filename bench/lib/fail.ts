/** The benchmark's own failures: reported as one `bench: <message>` line, without a stack trace. */

export class BenchError extends Error {
  override name = "BenchError";
}

export function fail(message: string): never {
  throw new BenchError(message);
}

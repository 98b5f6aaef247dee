import { spawn } from "node:child_process";

/** A check that failed: its one-line message and, indented below it, what explains it (a log's tail, the findings). */
export class CheckFailure extends Error {
  constructor(
    message: string,
    readonly detail = "",
  ) {
    super(message);
  }
}

export const ok = (message: string): void => console.log(`✓ ${message}`);
export const note = (message: string): void => console.log(`· ${message}`);
export const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

const cleanups: (() => unknown)[] = [];

/** Registers what undoes a step (a container, a scratch database); run last-in first-out by {@link cleanUp}. */
export function onCleanup(undo: () => unknown): void {
  cleanups.push(undo);
}

/** Undoes every registered step, pass or fail; a failing undo is reported and the others still run. */
export async function cleanUp(): Promise<void> {
  for (const undo of cleanups.splice(0).reverse()) {
    try {
      await undo();
    } catch (error) {
      console.error(`  cleanup: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

export interface Output {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to its end (killed after `timeoutMs`, so no step can hang the check) and returns its output; throws a
 * {@link CheckFailure} naming `what`, with the output's tail, unless it exited 0 (or `allowFailure`).
 */
export async function exec(
  argv: readonly string[],
  what: string,
  {
    timeoutMs = 10 * 60_000,
    allowFailure = false,
    input,
  }: { timeoutMs?: number; allowFailure?: boolean; input?: Buffer } = {},
): Promise<Output> {
  const child = spawn(argv[0], argv.slice(1), { stdio: [input ? "pipe" : "ignore", "pipe", "pipe"] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout?.on("data", (chunk: Buffer) => stdout.push(chunk));
  child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk));
  child.stdin?.end(input);
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const code = await new Promise<number | null>((resolve) => {
    child.once("error", () => resolve(127));
    child.once("close", (exitCode) => resolve(exitCode));
  });
  clearTimeout(timer);
  const output = { code, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() };
  if (code !== 0 && !allowFailure) {
    const why = code === null ? `killed after ${secs(timeoutMs)}` : `exit ${code}`;
    throw new CheckFailure(`${what}: ${why}`, tail(`${output.stdout}\n${output.stderr}`));
  }
  return output;
}

/** The last lines of a command's output, for a failure's detail. */
export function tail(text: string, lines = 30): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

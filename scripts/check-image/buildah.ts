import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readdirSync, readFileSync, readlinkSync } from "node:fs";

import { CheckFailure, exec, onCleanup, type Output } from "./report";

/** What `docker inspect` calls Config: the part of an image the check runs by. */
export interface ImageConfig {
  User?: string;
  Env?: string[];
  Cmd?: string[] | null;
  Entrypoint?: string[] | null;
  WorkingDir?: string;
  Labels?: Record<string, string> | null;
  Healthcheck?: { Test?: string[]; Interval?: number; Timeout?: number; StartPeriod?: number; Retries?: number };
}

/** An image's Docker-format config (HEALTHCHECK is kept only in that format). */
export async function inspectImage(image: string): Promise<{ config: ImageConfig }> {
  const { stdout } = await exec(["buildah", "inspect", "--type", "image", image], `buildah inspect ${image}`);
  const inspected = JSON.parse(stdout) as { Docker: { config: ImageConfig } };
  return { config: inspected.Docker.config };
}

/** A working container of an image, as `docker run` would make one: removed at cleanup. */
export class Container {
  private constructor(
    readonly id: string,
    readonly label: string,
  ) {}

  static async of(image: string, label: string): Promise<Container> {
    const id = (await exec(["buildah", "from", "--pull-never", image], `buildah from ${image}`)).stdout.trim();
    onCleanup(() => exec(["buildah", "rm", id], `buildah rm ${id}`, { allowFailure: true }));
    return new Container(id, label);
  }

  /** Its root file system on this host, to read what the image holds. */
  async mount(): Promise<string> {
    return (await exec(["buildah", "mount", this.id], `buildah mount ${this.id}`)).stdout.trim();
  }

  /** Runs argv in it to the end, as the image's USER with its ENV plus `env`, in its WORKDIR (`docker exec`). */
  run(
    argv: readonly string[],
    env: Record<string, string>,
    options: { timeoutMs?: number; allowFailure?: boolean } = {},
  ): Promise<Output> {
    return exec(this.runArgv(argv, env), `${this.label}: ${argv.join(" ")}`, options);
  }

  /** Starts argv in it and leaves it running; output to `log`. */
  start(argv: readonly string[], env: Record<string, string>, log: string): RunningCommand {
    const fd = openSync(log, "a");
    const runArgv = this.runArgv(argv, env);
    const child = spawn(runArgv[0], runArgv.slice(1), { stdio: ["ignore", fd, fd] });
    closeSync(fd);
    const command = new RunningCommand(child, log);
    onCleanup(() => command.kill());
    return command;
  }

  private runArgv(argv: readonly string[], env: Record<string, string>): string[] {
    const envFlags = Object.entries(env).flatMap(([key, value]) => ["--env", `${key}=${value}`]);
    return ["buildah", "run", "--isolation", "chroot", ...envFlags, this.id, "--", ...argv];
  }
}

/** A command started by `buildah run`, and the process it became inside the container. */
export class RunningCommand {
  readonly exited: Promise<number | null>;

  constructor(
    readonly child: ChildProcess,
    readonly log: string,
  ) {
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * The container's first process: the topmost descendant of `buildah run` that runs a program of the image (the
   * processes above it are buildah's own chroot helpers). Docker gives this one PID 1 and sends it the stop signal;
   * `buildah run` itself answers SIGTERM with SIGKILL, so the check signals it directly.
   */
  containerProcess(): { pid: number; exe: string; uid: number } {
    const children = processChildren();
    const queue = [...(children.get(this.child.pid ?? -1) ?? [])];
    while (queue.length > 0) {
      const pid = queue.shift()!;
      try {
        const exe = readlinkSync(`/proc/${pid}/exe`);
        if (!exe.includes("memfd:buildah")) {
          const uid = Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
          return { pid, exe, uid };
        }
      } catch {
        continue;
      }
      queue.push(...(children.get(pid) ?? []));
    }
    throw new CheckFailure("no process of the image under buildah run");
  }

  /** SIGKILL to `buildah run` and every process under it (what a failed check leaves running). */
  kill(): void {
    if (!this.running) return;
    const children = processChildren();
    const tree = [this.child.pid ?? -1];
    for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
    for (const pid of tree) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // gone meanwhile
      }
    }
  }
}

/** Every process's children, from /proc. */
function processChildren(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${entry}/status`, "utf8"))?.[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

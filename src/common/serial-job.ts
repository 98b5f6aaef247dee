/** setTimeout's longest delay (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A background job that runs one at a time on this instance: a run asked for while one is under way happens once
 * more right after it, and each run says when the next should come (milliseconds, or null for "when asked").
 * `job` must not reject; it catches and logs its own failures and returns the retry delay.
 */
export class SerialJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(private readonly job: () => Promise<number | null>) {}

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Starts, and resolves once the first run is over. */
  start(): Promise<void> {
    this.stopped = false;
    return this.run();
  }

  /** Runs now (or once more after the current run); resolves once that run is over. */
  run(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        let next: number | null;
        do {
          this.again = false;
          next = await this.job();
        } while (this.again && !this.stopped);
        this.arm(next);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Resolves once the current run (if any) is over. */
  async idle(): Promise<void> {
    await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private arm(delay: number | null): void {
    clearTimeout(this.timer);
    if (this.stopped || delay === null) return;
    this.timer = setTimeout(() => void this.run(), Math.min(delay, MAX_TIMER_MS));
    this.timer.unref();
  }
}

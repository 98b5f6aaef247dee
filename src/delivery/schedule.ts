import type { DataSource } from "typeorm";

import { listedStatusSql } from "../modules/articles/article.entity";

/**
 * The earliest publication time still to come: a listed article (published or scheduled) whose time has not come is
 * invisible to readers until then (the visibility rule, article.visibility.ts), and appears by itself at that moment.
 */
export const NEXT_PUBLICATION_SQL = `SELECT min(a.published_at) AS next FROM articles a
  WHERE ${listedStatusSql("a.status")} AND a.published_at > now()`;

/** setTimeout's longest delay (about 24.8 days); a publication further away is looked at again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** How soon a failed look-up is tried again; meanwhile no response is kept fresh. */
const RETRY_MS = 1_000;

/**
 * The next scheduled publication, kept in memory so that a read request learns it without an SQL statement. Loaded
 * at start (`refresh()`), refreshed after every editorial write of this process and by whoever hears of another
 * instance's writes, and by itself when the publication it knows of comes due.
 */
export class PublicationSchedule {
  private next: Date | null = null;
  /** The last look failed: the next publication may be any moment. */
  private unknown = false;
  private started = 0;
  private applied = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Whole seconds from `now` until the next publication (0 once it is due and not yet looked past), or null when
   * nothing is scheduled.
   */
  secondsUntilNext(now: number = Date.now()): number | null {
    if (this.unknown) return 0;
    if (this.next === null) return null;
    return Math.max(0, Math.floor((this.next.getTime() - now) / 1000));
  }

  /**
   * Reads the next publication time from the database (one statement). Never rejects: when the database does not
   * answer, the schedule counts as due now (nothing is kept fresh) and is read again every RETRY_MS until it answers.
   */
  async refresh(): Promise<void> {
    const generation = ++this.started;
    let next: Date | null = null;
    let unknown = false;
    try {
      const rows = (await this.dataSource.query(NEXT_PUBLICATION_SQL)) as Array<{ next: Date | null }>;
      next = rows[0]?.next ?? null;
    } catch {
      unknown = true;
    }
    // Refreshes may overlap: one that started later saw at least as much, so an older answer never overwrites it.
    if (generation < this.applied) return;
    this.applied = generation;
    this.next = next;
    this.unknown = unknown;
    this.arm();
  }

  /** Cancels the timer (on server stop). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /**
   * Looks again when the known publication comes due (readers then see it, and the next one becomes the bound), or
   * RETRY_MS after a failed look.
   */
  private arm(): void {
    clearTimeout(this.timer);
    if (this.stopped || (this.next === null && !this.unknown)) return;
    const delay = this.unknown ? RETRY_MS : Math.max(0, (this.next as Date).getTime() - Date.now());
    this.timer = setTimeout(() => void this.refresh(), Math.min(delay, MAX_TIMER_MS));
    this.timer.unref();
  }
}

import type { EntityManager } from "typeorm";

import { ArticleStatus } from "../modules/articles/article.entity";
import type { ArticleChange, ArticleState, ArticleWriteHook } from "../modules/articles/article-writes";
import { type ArticleEventPayload, ArticleEventType } from "./article-event.entity";

/** The PostgreSQL channel that tells every instance of new events (payload: the last event id) or a new schedule. */
export const ARTICLE_EVENTS_CHANNEL = "byline_article_events";
/** The payload of a notification that the publication schedule changed (no event: nothing is visible yet). */
export const SCHEDULE_SIGNAL = "schedule";

/**
 * Advisory lock keys (pg_advisory_xact_lock's bigint space, shared by everything on the database; these spell
 * "bylineev" and "bylinean" in ASCII so that they collide with nothing by accident).
 */
export const EVENT_ORDER_LOCK = "7095464118963234166";
export const ANNOUNCER_LOCK = "7095464118963233134";

/** One article event, as the bus hands it to subscribers and the outbox stores it. */
export interface ArticleEvent {
  /** Increasing in commit order (a bigint, as text). */
  id: string;
  type: ArticleEventType;
  articleId: string;
  /** 1, 2, 3, ... in the article's own history. */
  articleSeq: number;
  occurredAt: Date;
  payload: ArticleEventPayload;
}

/** An event about to be recorded. */
export interface ArticleEventDraft {
  type: ArticleEventType;
  articleId: string;
  payload: ArticleEventPayload;
}

/** After an article's last event of one of these types, readers have been told it is visible. */
const TOLD_TYPES: readonly ArticleEventType[] = [ArticleEventType.PUBLISHED, ArticleEventType.UPDATED];

/**
 * Whether readers had been told of an article in the state `before` (its last event is `last`): it was visible, and,
 * when it became visible by the clock alone (a scheduled article whose time came), the announcer has announced it.
 */
export function toldReaders(before: ArticleState | null, last: ArticleEventType | null): boolean {
  if (!before?.visible) return false;
  return before.status !== ArticleStatus.SCHEDULED || (last !== null && TOLD_TYPES.includes(last));
}

/**
 * The one rule for which event a write makes: published when readers had not been told of the article and can see it
 * now, updated when they had and still can, removed when they had and no longer can (or it is deleted), none for a
 * change readers never saw (a draft, a scheduled article not yet due).
 */
export function eventTypeOf(change: ArticleChange, last: ArticleEventType | null): ArticleEventType | null {
  const told = toldReaders(change.before, last);
  const visible = change.after?.visible === true;
  if (visible) return told ? ArticleEventType.UPDATED : ArticleEventType.PUBLISHED;
  return told ? ArticleEventType.REMOVED : null;
}

/** SQL: article `alias` is a scheduled article whose time has come and that readers have not been told of yet. */
export const awaitsAnnouncementSql = (alias: string): string =>
  `(${alias}.status = '${ArticleStatus.SCHEDULED}' AND coalesce((SELECT e.type::text FROM article_events e
     WHERE e.article_id = ${alias}.id ORDER BY e.article_seq DESC LIMIT 1), '') NOT IN (${TOLD_TYPES.map((type) => `'${type}'`).join(", ")}))`;

/** What an event says of its article: the state after the change, or before it for a removal. */
export function payloadOf(state: ArticleState): ArticleEventPayload {
  return {
    slug: state.slug,
    title: state.title,
    authorSlug: state.authorSlug,
    tagSlugs: state.tagSlugs,
    publishedAt: state.publishedAt?.toISOString() ?? null,
  };
}

/** Whether a change may make an event (readers could see the article before or after it). */
const mayMakeEvent = (change: ArticleChange) => change.before?.visible === true || change.after?.visible === true;

/** Whether a state waits for its publication time. */
const waiting = (state: ArticleState | null) => state?.listed === true && !state.visible;

/** Whether a change schedules or unschedules a publication (the announcers' timers must know). */
const touchesSchedule = (change: ArticleChange) => waiting(change.before) || waiting(change.after);

/** Something that reacts, in the recording transaction, to recorded events (webhooks derive their deliveries). */
export type RecordedEventsHandler = (manager: EntityManager, events: ArticleEvent[]) => Promise<void>;

interface EventRow {
  id: string;
  type: ArticleEventType;
  article_id: string;
  article_seq: number;
  occurred_at: Date;
  payload: ArticleEventPayload;
}

export const eventOfRow = (row: EventRow): ArticleEvent => ({
  id: row.id,
  type: row.type,
  articleId: row.article_id,
  articleSeq: row.article_seq,
  occurredAt: row.occurred_at,
  payload: row.payload,
});

/** The columns `eventOfRow` reads. */
export const EVENT_COLUMNS = "id, type, article_id, article_seq, occurred_at, payload";

/**
 * Writes article events into the outbox, in the caller's transaction. Every writer first takes EVENT_ORDER_LOCK (held
 * to commit), so events commit in id order: a listener reading `id > lastSeen` never skips one that commits later.
 */
export class ArticleEventRecorder {
  private readonly handlers: RecordedEventsHandler[] = [];

  /** Adds a reaction to every later recording, in its transaction. */
  onRecorded(handler: RecordedEventsHandler): void {
    this.handlers.push(handler);
  }

  /** Takes the event order lock for the rest of `manager`'s transaction. */
  async lock(manager: EntityManager): Promise<void> {
    await manager.query("SELECT pg_advisory_xact_lock($1::bigint)", [EVENT_ORDER_LOCK]);
  }

  /** The type of each article's last event (articles with none are left out). Call with the lock held. */
  async lastEvents(manager: EntityManager, articleIds: string[]): Promise<Map<string, ArticleEventType>> {
    const rows = (await manager.query(
      `SELECT DISTINCT ON (article_id) article_id, type FROM article_events
       WHERE article_id = ANY($1::uuid[]) ORDER BY article_id, article_seq DESC`,
      [articleIds],
    )) as Array<{ article_id: string; type: ArticleEventType }>;
    return new Map(rows.map((row) => [row.article_id, row.type]));
  }

  /**
   * Records `drafts` (at most one per article) as each article's next event, notifies every instance (on commit),
   * and runs the handlers. Call with the lock held. An article whose next position is taken is skipped.
   */
  async record(manager: EntityManager, drafts: ArticleEventDraft[]): Promise<ArticleEvent[]> {
    if (drafts.length === 0) return [];
    const rows = (await manager.query(
      `INSERT INTO article_events (type, article_id, article_seq, payload)
       SELECT d.type::article_event_type, d.article_id,
         coalesce((SELECT max(e.article_seq) FROM article_events e WHERE e.article_id = d.article_id), 0) + 1, d.payload
       FROM jsonb_to_recordset($1::jsonb) AS d(type text, article_id uuid, payload jsonb, n integer)
       ORDER BY d.n
       ON CONFLICT (article_id, article_seq) DO NOTHING
       RETURNING ${EVENT_COLUMNS}`,
      [JSON.stringify(drafts.map(({ type, articleId, payload }, n) => ({ type, article_id: articleId, payload, n })))],
    )) as EventRow[];
    const events = rows.map(eventOfRow).sort((a, b) => compareIds(a.id, b.id));
    if (events.length === 0) return events;
    await manager.query("SELECT pg_notify($1, $2)", [ARTICLE_EVENTS_CHANNEL, events[events.length - 1]!.id]);
    for (const handler of this.handlers) await handler(manager, events);
    return events;
  }
}

/** Orders bigint ids given as text. */
export const compareIds = (a: string, b: string): number => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/** What the write hook tells after a commit: new events, and a changed schedule. */
export interface ArticleEventSignals {
  eventsCommitted(): Promise<void>;
  scheduleChanged(): Promise<void>;
}

/**
 * The ArticleWrites hook that records every write's events in its transaction (one home for the rule:
 * `eventTypeOf`), and after the commit tells the bus (for Redis) and the announcer (for a new schedule).
 */
export function articleEventsHook(recorder: ArticleEventRecorder, signals: ArticleEventSignals): ArticleWriteHook {
  return {
    async inTransaction(manager, changes) {
      const candidates = changes.filter(mayMakeEvent);
      if (changes.some(touchesSchedule)) {
        await manager.query("SELECT pg_notify($1, $2)", [ARTICLE_EVENTS_CHANNEL, SCHEDULE_SIGNAL]);
      }
      if (candidates.length === 0) return;
      await recorder.lock(manager);
      const last = await recorder.lastEvents(
        manager,
        candidates.map((change) => change.id),
      );
      const drafts: ArticleEventDraft[] = [];
      for (const change of candidates) {
        const type = eventTypeOf(change, last.get(change.id) ?? null);
        if (type === null) continue;
        const state = type === ArticleEventType.REMOVED ? change.before! : change.after!;
        drafts.push({ type, articleId: change.id, payload: payloadOf(state) });
      }
      await recorder.record(manager, drafts);
    },
    async afterCommit(changes) {
      if (changes.some(mayMakeEvent)) await signals.eventsCommitted();
      if (changes.some(touchesSchedule)) await signals.scheduleChanged();
    },
  };
}

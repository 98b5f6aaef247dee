import { ArticleEventType } from "../../events/article-event.entity";
import type { ArticleEvent } from "../../events/article-events";
import type { ArticleEventBus } from "../../events/bus";
import type { Context, Loaders } from "../../graphql/context";
import type { Logger } from "../../observability/logger";
import type { Article } from "../articles/article.entity";
import type { ArticleService } from "../articles/article.service";
import type { Viewer } from "../auth/viewer";
import type { ArticleRemoval } from "./article-removal.type";

/** Where the events come from: the article event bus (src/events/), which hands each one over once per instance. */
export type ArticleEventSource = Pick<ArticleEventBus, "subscribe">;

/** What a subscription's context carries besides what an HTTP request's does. */
export interface LiveContext extends Context {
  live: LiveArticles;
}

/** What a subscriber may see: the reader rule, or an editor's everything (article.visibility.ts). */
type Visibility = "reader" | "editor";

/** An event's article as one kind of viewer sees it (null: not visible to them), and the loaders its answers share. */
interface Resolved {
  article: Article | null;
  loaders: Loaders;
}

/**
 * Events a subscriber is behind by, at most. A subscriber that falls this far behind (a stalled socket) is completed
 * rather than buffered without bound; it can subscribe again.
 */
export const MAX_QUEUED_EVENTS = 100;

/**
 * The article events as subscriptions see them: filtered per subscription, and each event's article re-read with the
 * subscriber's viewer under the visibility rule before it is sent, so a reader never receives an article that is not
 * visible to readers when it is sent. The re-read happens once per event and kind of viewer (readers, editors), and
 * the answers of that kind share one set of loaders for that event: a thousand subscribers cost the statements of one.
 */
export class LiveArticles {
  private readonly resolved = new WeakMap<ArticleEvent, Map<Visibility, Promise<Resolved>>>();
  private active = 0;

  constructor(
    private readonly events: ArticleEventSource,
    private readonly articles: ArticleService,
    private readonly loadersFor: (viewer: Viewer) => Loaders,
    private readonly logger: Logger,
  ) {}

  /** Subscriptions listening now, on this instance. */
  get subscriptions(): number {
    return this.active;
  }

  /** Articles as they become visible to readers, with the tag and by the author when given (slugs). */
  published(context: Context, filter: { tag?: string; author?: string }): AsyncIterableIterator<Article> {
    return this.articlesOf(
      context,
      ({ type, payload }) =>
        type === ArticleEventType.PUBLISHED &&
        (filter.tag === undefined || payload.tagSlugs.includes(filter.tag)) &&
        (filter.author === undefined || payload.authorSlug === filter.author),
    );
  }

  /** The article `id` each time it changes while visible. */
  updated(context: Context, id: string): AsyncIterableIterator<Article> {
    return this.articlesOf(context, (event) => event.type === ArticleEventType.UPDATED && event.articleId === id);
  }

  /** Articles as they stop being visible: unpublished, archived, rescheduled or deleted. */
  removed(): AsyncIterableIterator<ArticleRemoval> {
    return this.stream(
      (event) => event.type === ArticleEventType.REMOVED,
      async (event) => ({ id: event.articleId, removedAt: event.occurredAt }),
    );
  }

  private articlesOf(context: Context, accepts: (event: ArticleEvent) => boolean) {
    return this.stream(accepts, async (event) => {
      const { article, loaders } = await this.resolve(event, context.viewer);
      // The payload is executed right after this value is taken, before the next one is asked for (graphql-js
      // maps one event at a time), so the context's loaders are this event's while its fields resolve.
      if (article) context.loaders = loaders;
      return article;
    });
  }

  private resolve(event: ArticleEvent, viewer: Viewer): Promise<Resolved> {
    const visibility: Visibility = viewer.isEditor ? "editor" : "reader";
    let byVisibility = this.resolved.get(event);
    if (!byVisibility) this.resolved.set(event, (byVisibility = new Map()));
    let found = byVisibility.get(visibility);
    if (!found) {
      found = this.articles
        .findVisible(viewer, { id: event.articleId })
        .then((article) => ({ article, loaders: this.loadersFor(viewer) }));
      byVisibility.set(visibility, found);
    }
    return found;
  }

  /**
   * The accepted events from now on, each turned into a value by `toValue` when it is asked for (null: skip it). Ends
   * when returned (the client unsubscribed or left) or when it falls MAX_QUEUED_EVENTS behind.
   */
  private stream<T>(
    accepts: (event: ArticleEvent) => boolean,
    toValue: (event: ArticleEvent) => Promise<T | null>,
  ): AsyncIterableIterator<T> {
    const queue: ArticleEvent[] = [];
    let wake: (() => void) | null = null;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      this.active -= 1;
      unsubscribe();
      wake?.();
    };
    this.active += 1;
    const unsubscribe = this.events.subscribe((event) => {
      if (done || !accepts(event)) return;
      if (queue.length >= MAX_QUEUED_EVENTS) {
        this.logger.warn({ queued: queue.length }, "subscription: subscriber too far behind, completed");
        return finish();
      }
      queue.push(event);
      wake?.();
    });
    const ended: IteratorReturnResult<undefined> = { done: true, value: undefined };
    const iterator: AsyncIterableIterator<T> = {
      async next(): Promise<IteratorResult<T>> {
        for (;;) {
          if (done) return ended;
          const event = queue.shift();
          if (event === undefined) {
            await new Promise<void>((resolve) => (wake = resolve));
            wake = null;
            continue;
          }
          let value: T | null;
          try {
            value = await toValue(event);
          } catch (error) {
            finish(); // graphql-js does not return an iterator whose next() failed
            throw error;
          }
          if (value !== null && !done) return { done: false, value };
        }
      },
      async return(): Promise<IteratorResult<T>> {
        finish();
        return ended;
      },
      async throw(error: unknown): Promise<IteratorResult<T>> {
        finish();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }
}

import type { DataSource } from "typeorm";

import type { Config } from "../config";
import { poolOf } from "../database/data-source";
import type { ArticleWriteHook } from "../modules/articles/article-writes";
import type { Logger } from "../observability/logger";
import { Announcer } from "./announcer";
import { ArticleEventRecorder, articleEventsHook } from "./article-events";
import { ArticleEventBus } from "./bus";
import { EventRetention } from "./retention";

/**
 * Article events, one home: the write hook that records them in the outbox (`hook`, registered on ArticleWrites),
 * the announcer of scheduled publications, and the bus that hands every event to this instance's subscribers.
 * Made with the services; `start` once the server starts, `stop` on shutdown.
 */
export class ArticleEvents {
  readonly recorder = new ArticleEventRecorder();
  readonly bus: ArticleEventBus;
  readonly announcer: Announcer;
  readonly hook: ArticleWriteHook;
  readonly retention: EventRetention;

  constructor(
    dataSource: DataSource,
    {
      redisUrl,
      redisCommandTimeoutMs,
      eventRetentionSeconds,
    }: Pick<Config, "redisUrl" | "redisCommandTimeoutMs" | "eventRetentionSeconds">,
  ) {
    this.retention = new EventRetention(dataSource, eventRetentionSeconds);
    this.bus = new ArticleEventBus({
      pool: poolOf(dataSource)!,
      redisUrl,
      redisCommandTimeoutMs,
      onScheduleChanged: () => this.announcer.refresh(),
    });
    this.announcer = new Announcer(dataSource, this.recorder, () => this.bus.eventsCommitted());
    this.hook = articleEventsHook(this.recorder, {
      eventsCommitted: () => this.bus.eventsCommitted(),
      scheduleChanged: async () => {
        this.announcer.refresh();
        await this.bus.scheduleChanged();
      },
    });
  }

  /** Listens for events, then announces what came due while no instance ran and arms the announcer's timer. */
  async start(options: { logger?: Logger; redisPrefix?: string } = {}): Promise<void> {
    await this.bus.start(options);
    await this.announcer.start(options.logger);
    this.retention.start(options.logger);
  }

  async stop(): Promise<void> {
    this.retention.stop();
    await this.announcer.stop();
    await this.bus.stop();
  }
}

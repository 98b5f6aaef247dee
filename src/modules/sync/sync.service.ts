import type { DataSource } from "typeorm";

import { pageLimit } from "../../common/pagination";
import { Article } from "../articles/article.entity";
import { Viewer } from "../auth/viewer";
import type { ArticleFilter } from "../news-feed/feed.args";
import { typeormBind, withAuthor } from "../news-feed/feed.service";
import { feedConditions } from "../news-feed/feed.sql";
import { syncPageStatement, type WindowRow } from "./sync.sql";
import {
  decodeSyncToken,
  encodeSyncToken,
  filterMismatch,
  type SyncFilter,
  type SyncState,
  SyncTokenExpiredError,
} from "./sync.token";
import type { FeedChanges } from "./sync.types";

/**
 * Delta sync of the readers' feed for mobile clients: the feed once, then what changed since a token. At least once:
 * each round's upper bound is a PostgreSQL snapshot, and a change is news to the client exactly when its writing
 * transaction (the article's change id, set by trigger) is not visible in the snapshot the client last synced to, so
 * a transaction that started early and committed late is still delivered.
 */
export class SyncService {
  constructor(
    private readonly dataSource: DataSource,
    /** Tombstones live this long; an older token is refused (SYNC_TOKEN_EXPIRED). */
    private readonly retentionSeconds: number,
  ) {}

  /** One page of a sync: two statements (the window, the articles with their authors) whatever `first` is. */
  async changes(since: string | null | undefined, first: number, filter: SyncFilter): Promise<FeedChanges> {
    const state: SyncState = since ? this.resume(since, filter) : { seen: null, round: null, filter };
    const statement = syncPageStatement(state, feedFilterOf(filter), pageLimit(first), this.retentionSeconds);
    const rows: WindowRow[] = await this.dataSource.query(statement.text, statement.params);
    const { snapshot, at } = rows[0]!;
    const window = rows.filter((row): row is WindowRow & { id: string } => row.id !== null);
    const page = window.slice(0, first);
    const hasMore = window.length > first;
    const upper = { snapshot, at: at.toISOString() };
    const next: SyncState = hasMore
      ? { seen: state.seen, round: { ...upper, after: page.at(-1)!.id }, filter }
      : { seen: upper, round: null, filter };
    return {
      changed: await this.visibleArticles(
        page.filter((row) => row.listed).map((row) => row.id),
        filter,
      ),
      removed: page.filter((row) => !row.listed).map((row) => row.id),
      nextSince: encodeSyncToken(next),
      hasMore,
    };
  }

  /** The state a token names, if it is for this filter and young enough that no tombstone since has been pruned. */
  private resume(token: string, filter: SyncFilter): SyncState {
    const state = decodeSyncToken(token);
    if (state.filter.tag !== filter.tag || state.filter.author !== filter.author) throw filterMismatch();
    const oldest = (state.seen ?? state.round)!.at;
    if (Date.parse(oldest) < Date.now() - this.retentionSeconds * 1000) {
      throw new SyncTokenExpiredError(this.retentionSeconds);
    }
    return state;
  }

  /**
   * The articles of these ids readers still see (a write since the window's statement may have hidden one: the next
   * round names it in `removed`), with their authors, in the ids' order.
   */
  private async visibleArticles(ids: string[], filter: SyncFilter): Promise<Article[]> {
    if (ids.length === 0) return [];
    const qb = withAuthor(this.dataSource.getRepository(Article).createQueryBuilder("a"));
    const bind = typeormBind(qb);
    const conditions = feedConditions("a", Viewer.anonymous, null, feedFilterOf(filter), bind);
    const articles = await qb.where([...conditions, `a.id = ANY(${bind(ids, "uuid[]")})`].join(" AND ")).getMany();
    const byId = new Map(articles.map((article) => [article.id, article]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }
}

/** A sync's filter as the feed's own filter, so both apply the same rules. */
const feedFilterOf = ({ tag, author }: SyncFilter): ArticleFilter => ({
  tagSlug: tag ?? undefined,
  authorSlug: author ?? undefined,
});

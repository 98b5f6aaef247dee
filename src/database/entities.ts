import { ArticleEventRecord } from "../events/article-event.entity";
import { Article } from "../modules/articles/article.entity";
import { ArticleRevision } from "../modules/articles/article-revision.entity";
import { ApiKey } from "../modules/auth/api-key.entity";
import { Author } from "../modules/authors/author.entity";
import { ArticleRelated, ListedArticleTag, RelatedExclusion } from "../modules/related-news/article-related.entity";
import { RelatedLink } from "../modules/related-news/related-link.entity";
import { ArticleSearchDocument, SearchWord } from "../modules/search/search-index.entity";
import { ArticleTombstone } from "../modules/sync/article-tombstone.entity";
import { ArticleTag } from "../modules/tags/article-tag.entity";
import { Tag } from "../modules/tags/tag.entity";
import { Webhook, WebhookDelivery } from "../modules/webhooks/webhook.entity";

/** Every entity, registered explicitly (no globs). */
export const entities = [
  Author,
  Article,
  ArticleRevision,
  Tag,
  ArticleTag,
  RelatedLink,
  ApiKey,
  ArticleTombstone,
  ArticleRelated,
  RelatedExclusion,
  ListedArticleTag,
  ArticleSearchDocument,
  SearchWord,
  ArticleEventRecord,
  Webhook,
  WebhookDelivery,
];

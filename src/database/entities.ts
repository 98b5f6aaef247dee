import { Article } from "../modules/articles/article.entity";
import { Author } from "../modules/authors/author.entity";
import { RelatedLink } from "../modules/related-news/related-link.entity";
import { ArticleTag } from "../modules/tags/article-tag.entity";
import { Tag } from "../modules/tags/tag.entity";

/** Every entity, registered explicitly (no globs). */
export const entities = [Author, Article, Tag, ArticleTag, RelatedLink];

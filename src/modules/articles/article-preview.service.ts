import type { PreviewGrant, PreviewTokens } from "../auth/preview-token";
import type { Article } from "./article.entity";
import type { ArticleService } from "./article.service";

/** Preview tokens for articles: editors make them, anyone holding one reads that one article in any state. */
export class ArticlePreviewService {
  constructor(
    private readonly articles: ArticleService,
    private readonly tokens: PreviewTokens,
  ) {}

  /** A token for an existing article (NOT_FOUND otherwise) that works for `minutes`. */
  async create(id: string, minutes: number): Promise<PreviewGrant> {
    await this.articles.findAnyOrFail(id);
    return this.tokens.issue(id, minutes);
  }

  /** The article a token grants, or null if it was deleted; BAD_USER_INPUT for a bad or expired token. */
  find(token: string): Promise<Article | null> {
    return this.articles.findAny(this.tokens.verify(token));
  }
}

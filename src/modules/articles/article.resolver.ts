import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, Info, Query, Resolver } from "type-graphql";

import { LookupArgs } from "../../common/lookup.args";
import { dependencyKey, recordAnswer } from "../../delivery/dependencies";
import type { Context } from "../../graphql/context";
import { articleLookAhead } from "../news-feed/look-ahead";
import { Article } from "./article.entity";
import type { ArticleService } from "./article.service";
import type { ArticlePreviewService } from "./article-preview.service";

/** The public root queries of articles. */
@Resolver(() => Article)
export class ArticleResolver {
  constructor(
    private readonly articles: ArticleService,
    private readonly previews: ArticlePreviewService,
  ) {}

  @Query(() => Article, {
    nullable: true,
    description: "A published article by `id` or `slug` (exactly one); null when no such article is published.",
  })
  article(
    @Args() lookup: LookupArgs,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Article | null> {
    const key = lookup.id != null ? dependencyKey.article(lookup.id) : dependencyKey.articleSlug(lookup.slug ?? "");
    return recordAnswer(
      context.dependencies,
      [key],
      this.articles.findVisible(context.viewer, lookup, articleLookAhead(info, context)),
    );
  }

  @Query(() => Article, {
    nullable: true,
    description: "The article a preview token grants, in any state (no API key needed); null if it was deleted.",
  })
  articlePreview(@Arg("token") token: string): Promise<Article | null> {
    return this.previews.find(token);
  }
}

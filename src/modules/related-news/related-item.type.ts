import { createUnionType, Field, ObjectType } from "type-graphql";

import { Article } from "../articles/article.entity";

@ObjectType({ description: "A related link that leaves the site." })
export class ExternalLink {
  @Field({ description: "Link text." })
  title!: string;

  @Field({ description: "Absolute http(s) URL." })
  url!: string;

  constructor(title: string, url: string) {
    this.title = title;
    this.url = url;
  }
}

export const RelatedItem = createUnionType({
  name: "RelatedItem",
  description: "One entry of an article's related news: another article or an external link.",
  types: () => [Article, ExternalLink] as const,
  resolveType: (value) => (value instanceof ExternalLink ? ExternalLink : Article),
});
export type RelatedItem = Article | ExternalLink;

import { createUnionType, Field, ObjectType } from "type-graphql";

import { Article } from "../articles/article.entity";

@ObjectType({ description: "A related link that leaves the site.", simpleResolvers: true })
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

// No resolveType of our own: type-graphql's default is a synchronous instanceof check over the member classes, where a
// given one would be wrapped in an async function (a promise per related entry).
export const RelatedItem = createUnionType({
  name: "RelatedItem",
  description: "One entry of an article's related news: another article or an external link.",
  types: () => [Article, ExternalLink] as const,
});
export type RelatedItem = Article | ExternalLink;

import { IsOptional, Matches, MaxLength } from "class-validator";
import { ArgsType, Field, Float, InputType, ObjectType } from "type-graphql";

import { type Connection, connectionTypes, PageArgs } from "../../common/pagination";
import { Article } from "../articles/article.entity";
import type { ArticleFilter } from "../news-feed/feed.args";
import { RECENCY_HALF_LIFE_DAYS } from "./search.sql";

/** The longest query accepted, in characters (a web-search box, not a document). */
export const MAX_QUERY_LENGTH = 200;

@InputType({ description: "Narrows a search; all given conditions must hold." })
export class SearchFilter {
  @Field({ nullable: true, description: "Only articles with this tag (a tag slug)." })
  @IsOptional()
  @MaxLength(200)
  tag?: string;

  @Field({ nullable: true, description: "Only articles by this author (an author slug)." })
  @IsOptional()
  @MaxLength(200)
  author?: string;

  @Field({ nullable: true, description: "Only articles published at or after this time." })
  @IsOptional()
  publishedAfter?: Date;

  @Field({ nullable: true, description: "Only articles published before this time." })
  @IsOptional()
  publishedBefore?: Date;
}

@ArgsType()
export class SearchArgs extends PageArgs {
  @Field({
    description:
      `Web-search syntax: words (all must match, in any form: \`councils\` finds \`council\`), "quoted phrases", ` +
      `\`or\` between alternatives, \`-word\` to exclude. At most ${MAX_QUERY_LENGTH} characters, not blank; a query ` +
      "of stop words only (`the and of`) finds nothing.",
  })
  @Matches(/\S/, { message: 'Argument "query" must not be blank.' })
  @MaxLength(MAX_QUERY_LENGTH, { message: `Argument "query" must be at most ${MAX_QUERY_LENGTH} characters long.` })
  query!: string;

  @Field(() => SearchFilter, { nullable: true, description: "Conditions the articles must meet." })
  @IsOptional()
  filter?: SearchFilter;
}

@ObjectType({ description: "Where a hit matched, as safe HTML.", simpleResolvers: true })
export class SearchHighlights {
  @Field({
    description:
      "The title, HTML-escaped, with every matched word wrapped in `<mark></mark>` (the only markup it contains).",
  })
  title!: string;

  @Field({
    description:
      "A short passage of the body around the best match, HTML-escaped, matched words in `<mark></mark>`; the " +
      "body's opening words when only the title, excerpt or tags matched.",
  })
  fragment!: string;
}

@ObjectType({ description: "One article a search found.", simpleResolvers: true })
export class SearchHit {
  @Field(() => Article, { description: "The article." })
  article!: Article;

  @Field(() => Float, {
    description:
      "What hits are ordered by (highest first): relevance blended with recency, " +
      `\`ts_rank_cd(document, query, 1) / (1 + ageDays / ${RECENCY_HALF_LIFE_DAYS})\`, the age measured at the ` +
      "walk's first page. Comparable within one search only.",
  })
  rank!: number;

  @Field(() => SearchHighlights, { description: "The matched words in the title and the body." })
  highlights!: SearchHighlights;

  /** The feed key the hit is ordered by after its rank (publication time, or creation time of a draft). */
  key!: Date;
  /** The instant its rank was computed against (carried in its cursor). */
  reference!: Date;
}

const { ConnectionType: SearchHitConnection } = connectionTypes(SearchHit, "SearchHit", "search hit");

@ObjectType("SearchConnection", { description: "A page of search hits, best first.", simpleResolvers: true })
export class SearchConnection extends SearchHitConnection {
  @Field(() => String, {
    nullable: true,
    description:
      "When nothing matched and the query looks misspelled: the query with its unknown words replaced by the " +
      "closest known ones, offered only if it finds something. Null otherwise.",
  })
  didYouMean!: string | null;
}

/** What a search lists, all its pages together: what its `totalCount` counts. */
export interface SearchScope {
  query: string;
  filter: ArticleFilter;
}

/** A page of hits as the resolver returns it, with the list it was taken from. */
export type SearchPage = Connection<SearchHit> & { didYouMean: string | null; scope: SearchScope };

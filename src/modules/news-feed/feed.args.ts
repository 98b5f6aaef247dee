import { IsOptional, MaxLength } from "class-validator";
import { ArgsType, Field, InputType } from "type-graphql";

import { PageArgs } from "../../common/pagination";
import { ArticleStatus } from "../articles/article.entity";

@ArgsType()
export class LatestNewsArgs extends PageArgs {
  @Field({ nullable: true, description: "Only articles with this tag (a tag slug)." })
  @IsOptional()
  @MaxLength(200)
  tag?: string;

  @Field({ nullable: true, description: "Only articles by this author (an author slug)." })
  @IsOptional()
  @MaxLength(200)
  author?: string;
}

@InputType({ description: "Narrows a list of articles; all given conditions must hold." })
export class ArticleFilter {
  @Field({ nullable: true, description: "Only articles by this author (an author slug)." })
  @IsOptional()
  @MaxLength(200)
  authorSlug?: string;

  @Field({ nullable: true, description: "Only articles with this tag (a tag slug)." })
  @IsOptional()
  @MaxLength(200)
  tagSlug?: string;

  @Field({ nullable: true, description: "Only articles published at or after this time." })
  @IsOptional()
  publishedAfter?: Date;

  @Field({ nullable: true, description: "Only articles published before this time." })
  @IsOptional()
  publishedBefore?: Date;

  @Field(() => ArticleStatus, {
    nullable: true,
    description: "Only articles in this state as of now (editors; readers only ever see PUBLISHED).",
  })
  @IsOptional()
  status?: ArticleStatus;
}

@ArgsType()
export class ArticlesArgs extends PageArgs {
  @Field(() => ArticleFilter, { nullable: true, description: "Conditions the articles must meet." })
  @IsOptional()
  filter?: ArticleFilter;
}

@ArgsType()
export class ArticleLatestNewsArgs extends PageArgs {
  @Field({
    defaultValue: true,
    description:
      "Leave out everything in this article's related news too (pinned and computed, as `related` lists them), so " +
      "one page never shows an article twice. The article itself is always left out.",
  })
  excludeRelated: boolean = true;
}

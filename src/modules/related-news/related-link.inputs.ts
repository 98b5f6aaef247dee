import { ArrayMaxSize, IsInt, IsOptional, IsUrl, IsUUID, Length, Max, Min, ValidateNested } from "class-validator";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";

import { MAX_RELATED_LINKS } from "./related-link.entity";

@InputType({ description: "One related-news entry: give `articleId`, or `url` with `title`." })
export class RelatedLinkInput {
  @Field(() => ID, { nullable: true, description: "Another article (an article id)." })
  @IsOptional()
  @IsUUID("all", { message: "articleId must be a UUID" })
  articleId?: string;

  @Field({ nullable: true, description: "An external http(s) URL." })
  @IsOptional()
  @IsUrl({ protocols: ["http", "https"], require_protocol: true }, { message: "url must be an http(s) URL" })
  @Length(1, 2000)
  url?: string;

  @Field({ nullable: true, description: "Link text of an external URL." })
  @IsOptional()
  @Length(1, 300)
  title?: string;
}

@ArgsType()
export class SetRelatedLinksArgs {
  @Field(() => ID, { description: "The article whose related news this is." })
  @IsUUID("all", { message: "articleId must be a UUID" })
  articleId!: string;

  @Field(() => [RelatedLinkInput], { description: `The whole list, in order (at most ${MAX_RELATED_LINKS}).` })
  @ArrayMaxSize(MAX_RELATED_LINKS)
  @ValidateNested({ each: true })
  links!: RelatedLinkInput[];
}

@ArgsType()
export class AddRelatedLinkArgs {
  @Field(() => ID, { description: "The article whose related news this is." })
  @IsUUID("all", { message: "articleId must be a UUID" })
  articleId!: string;

  @Field(() => RelatedLinkInput, { description: "The entry to add." })
  @ValidateNested()
  link!: RelatedLinkInput;

  @Field(() => Int, { nullable: true, description: "Where to insert it, from 0; at the end when omitted." })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_RELATED_LINKS)
  position?: number;
}

@ArgsType()
export class RemoveRelatedLinkArgs {
  @Field(() => ID, { description: "The article whose related news this is." })
  @IsUUID("all", { message: "articleId must be a UUID" })
  articleId!: string;

  @Field(() => Int, { description: "Position of the entry, from 0." })
  @IsInt()
  @Min(0)
  @Max(MAX_RELATED_LINKS)
  position!: number;
}

@ArgsType()
export class MoveRelatedLinkArgs extends RemoveRelatedLinkArgs {
  @Field(() => Int, { description: "Its new position, from 0." })
  @IsInt()
  @Min(0)
  @Max(MAX_RELATED_LINKS)
  to!: number;
}

@ArgsType()
export class RelatedExclusionArgs {
  @Field(() => ID, { description: "The article whose computed related news this is." })
  @IsUUID("all", { message: "articleId must be a UUID" })
  articleId!: string;

  @Field(() => ID, { description: "The article to leave out of (or let back into) that list." })
  @IsUUID("all", { message: "targetId must be a UUID" })
  targetId!: string;
}

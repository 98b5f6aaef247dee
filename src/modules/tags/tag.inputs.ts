import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Length, MaxLength } from "class-validator";
import { ArgsType, Field, ID } from "type-graphql";

import { IsSlug } from "../../common/slug";

@ArgsType()
export class CreateTagArgs {
  @Field({ description: "Display name." })
  @Length(1, 100)
  name!: string;

  @Field({ nullable: true, description: "URL-safe unique name; made from the name when absent." })
  @IsOptional()
  @IsSlug("climate")
  slug?: string;
}

@ArgsType()
export class RenameTagArgs extends CreateTagArgs {
  @Field(() => ID, { description: "The tag." })
  @IsUUID("all", { message: "id must be a UUID" })
  id!: string;
}

@ArgsType()
export class TagArticleArgs {
  @Field(() => ID, { description: "The article." })
  @IsUUID("all", { message: "articleId must be a UUID" })
  articleId!: string;

  @Field(() => [String], { description: "Tag slugs." })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @MaxLength(100, { each: true })
  tags!: string[];
}

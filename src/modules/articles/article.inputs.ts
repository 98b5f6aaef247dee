import { IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested } from "class-validator";
import { Field, ID, InputType } from "type-graphql";

import { VersionedInput } from "../../common/id.args";
import { ImageInput } from "../../common/image.input";
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from "../../common/slug";
import { OmitOrValid } from "../../common/validation";

const SLUG_RULE = { message: "slug must be lowercase letters, digits and single hyphens, e.g. city-budget-2027" };

@InputType({ description: "A new article; it starts as a DRAFT." })
export class CreateArticleInput {
  @Field({ description: "Headline." })
  @Length(1, 300)
  title!: string;

  @Field({ nullable: true, description: "URL-safe unique name; made from the title when absent." })
  @IsOptional()
  @MaxLength(SLUG_MAX_LENGTH)
  @Matches(SLUG_PATTERN, SLUG_RULE)
  slug?: string;

  @Field({ defaultValue: "", description: "Short plain-text summary." })
  @MaxLength(1000)
  excerpt: string = "";

  @Field({ defaultValue: "", description: "Full text, Markdown." })
  @MaxLength(200_000)
  body: string = "";

  @Field(() => ID, { description: "The author (an author id)." })
  @IsUUID("all", { message: "authorId must be a UUID" })
  authorId!: string;

  @Field(() => ImageInput, { nullable: true, description: "Lead image." })
  @IsOptional()
  @ValidateNested()
  thumbnail?: ImageInput | null;
}

@InputType({ description: "Changes to an article; only the fields given change. `version` is the one you read." })
export class UpdateArticleInput extends VersionedInput {
  @Field({ nullable: true, description: "Headline." })
  @OmitOrValid()
  @IsString()
  @Length(1, 300)
  title?: string;

  @Field({ nullable: true, description: "URL-safe unique name." })
  @OmitOrValid()
  @IsString()
  @MaxLength(SLUG_MAX_LENGTH)
  @Matches(SLUG_PATTERN, SLUG_RULE)
  slug?: string;

  @Field({ nullable: true, description: "Short plain-text summary." })
  @OmitOrValid()
  @IsString()
  @MaxLength(1000)
  excerpt?: string;

  @Field({ nullable: true, description: "Full text, Markdown." })
  @OmitOrValid()
  @IsString()
  @MaxLength(200_000)
  body?: string;

  @Field(() => ID, { nullable: true, description: "Another author (an author id)." })
  @OmitOrValid()
  @IsUUID("all", { message: "authorId must be a UUID" })
  authorId?: string;

  @Field(() => ImageInput, { nullable: true, description: "Lead image; null removes it." })
  @IsOptional()
  @ValidateNested()
  thumbnail?: ImageInput | null;
}

import { IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from "class-validator";
import { Field, ID, InputType } from "type-graphql";

import { VersionedInput } from "../../common/id.args";
import { ImageInput } from "../../common/image.input";
import { IsSlug } from "../../common/slug";
import { OmitOrValid } from "../../common/validation";

@InputType({ description: "A new article; it starts as a DRAFT." })
export class CreateArticleInput {
  @Field({ description: "Headline." })
  @Length(1, 300)
  title!: string;

  @Field({ nullable: true, description: "URL-safe unique name; made from the title when absent." })
  @IsOptional()
  @IsSlug("city-budget-2027")
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
  @IsSlug("city-budget-2027")
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

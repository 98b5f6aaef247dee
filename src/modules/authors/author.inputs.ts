import { IsOptional, IsString, IsUrl, IsUUID, Length, MaxLength } from "class-validator";
import { ArgsType, Field, ID, InputType } from "type-graphql";

import { VersionedInput } from "../../common/id.args";
import { IsSlug } from "../../common/slug";
import { OmitOrValid } from "../../common/validation";

const AVATAR_RULE = { message: "avatarUrl must be an http(s) URL" };

@InputType({ description: "A new author." })
export class CreateAuthorInput {
  @Field({ description: "Display name." })
  @Length(1, 200)
  name!: string;

  @Field({ nullable: true, description: "URL-safe unique name; made from the name when absent." })
  @IsOptional()
  @IsSlug("maria-lindqvist")
  slug?: string;

  @Field({ defaultValue: "", description: "Short biography, plain text." })
  @MaxLength(1000)
  bio: string = "";

  @Field(() => String, { nullable: true, description: "Portrait URL (http or https)." })
  @IsOptional()
  @IsUrl({ protocols: ["http", "https"], require_protocol: true }, AVATAR_RULE)
  @MaxLength(2000)
  avatarUrl?: string | null;
}

@InputType({ description: "Changes to an author; only the fields given change. `version` is the one you read." })
export class UpdateAuthorInput extends VersionedInput {
  @Field({ nullable: true, description: "Display name." })
  @OmitOrValid()
  @IsString()
  @Length(1, 200)
  name?: string;

  @Field({ nullable: true, description: "URL-safe unique name." })
  @OmitOrValid()
  @IsString()
  @IsSlug("maria-lindqvist")
  slug?: string;

  @Field({ nullable: true, description: "Short biography, plain text." })
  @OmitOrValid()
  @IsString()
  @MaxLength(1000)
  bio?: string;

  @Field(() => String, { nullable: true, description: "Portrait URL; null removes it." })
  @IsOptional()
  @IsUrl({ protocols: ["http", "https"], require_protocol: true }, AVATAR_RULE)
  @MaxLength(2000)
  avatarUrl?: string | null;
}

@ArgsType()
export class DeleteAuthorArgs {
  @Field(() => ID, { description: "The author to delete." })
  @IsUUID("all", { message: "id must be a UUID" })
  id!: string;

  @Field(() => ID, { nullable: true, description: "Give the author's articles to this author first." })
  @IsOptional()
  @IsUUID("all", { message: "reassignTo must be a UUID" })
  reassignTo?: string;
}

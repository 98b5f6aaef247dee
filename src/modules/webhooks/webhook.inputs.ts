import { ArrayMaxSize, ArrayNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from "class-validator";
import { ArgsType, Field, ID, InputType } from "type-graphql";

import { PageArgs } from "../../common/pagination";
import { OmitOrValid } from "../../common/validation";
import { ArticleEventType } from "../../events/article-event.entity";

@InputType({ description: "A new webhook." })
export class CreateWebhookInput {
  @Field({ description: "Where deliveries are POSTed: http or https, resolving to public addresses only." })
  @MaxLength(2000)
  url!: string;

  @Field(() => [ArticleEventType], { description: "The events it receives (at least one)." })
  @ArrayNotEmpty({ message: "events must name at least one event" })
  @ArrayMaxSize(3)
  events!: ArticleEventType[];

  @Field(() => String, { nullable: true, description: "What it is for." })
  @IsOptional()
  @MaxLength(500)
  description?: string | null;
}

@InputType({ description: "Changes to a webhook; only the fields given change." })
export class UpdateWebhookInput {
  @Field(() => ID)
  @IsUUID("all", { message: "id must be a UUID" })
  id!: string;

  @Field({ nullable: true })
  @OmitOrValid()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @Field(() => [ArticleEventType], { nullable: true })
  @OmitOrValid()
  @ArrayNotEmpty({ message: "events must name at least one event" })
  @ArrayMaxSize(3)
  events?: ArticleEventType[];

  @Field(() => String, { nullable: true, description: "null removes it." })
  @IsOptional()
  @MaxLength(500)
  description?: string | null;
}

@ArgsType()
export class DeliveryPageArgs extends PageArgs {}

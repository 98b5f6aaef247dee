import { IsOptional, MaxLength } from "class-validator";
import { ArgsType, Field, ID } from "type-graphql";

/** Find one record by id or by slug; exactly one of the two. */
@ArgsType()
export class LookupArgs {
  @Field(() => ID, { nullable: true, description: "The record's id (a UUID). Pass this or `slug`, not both." })
  @IsOptional()
  id?: string;

  @Field({ nullable: true, description: "The record's slug. Pass this or `id`, not both." })
  @IsOptional()
  @MaxLength(200)
  slug?: string;
}

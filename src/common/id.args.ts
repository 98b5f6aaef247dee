import { IsInt, IsUUID, Min } from "class-validator";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";

/** A record and the version of it the client read. */
@ArgsType()
export class VersionedIdArgs {
  @Field(() => ID, { description: "The record's id." })
  @IsUUID("all", { message: "id must be a UUID" })
  id!: string;

  @Field(() => Int, { description: "The version you read; a newer stored version fails with CONFLICT." })
  @IsInt()
  @Min(1)
  version!: number;
}

@ArgsType()
export class IdArgs {
  @Field(() => ID, { description: "The record's id." })
  @IsUUID("all", { message: "id must be a UUID" })
  id!: string;
}

/** Base of update inputs: the record and the version of it the client read. */
@InputType()
export abstract class VersionedInput {
  @Field(() => ID, { description: "The record's id." })
  @IsUUID("all", { message: "id must be a UUID" })
  id!: string;

  @Field(() => Int, { description: "The version you read; a newer stored version fails with CONFLICT." })
  @IsInt()
  @Min(1)
  version!: number;
}

import { IsInt, IsOptional, IsUrl, Max, MaxLength, Min } from "class-validator";
import { Field, InputType, Int } from "type-graphql";

@InputType({ description: "An image: an absolute http(s) URL with its alt text and size." })
export class ImageInput {
  @Field({ description: "Absolute http(s) URL." })
  @IsUrl({ protocols: ["http", "https"], require_protocol: true }, { message: "url must be an http(s) URL" })
  @MaxLength(2000)
  url!: string;

  @Field(() => String, { nullable: true, description: "Alternative text; empty for a decorative image." })
  @IsOptional()
  @MaxLength(500)
  alt?: string | null;

  @Field(() => Int, { nullable: true, description: "Width in pixels." })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20000)
  width?: number | null;

  @Field(() => Int, { nullable: true, description: "Height in pixels." })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20000)
  height?: number | null;
}

import { Field, Int, ObjectType } from "type-graphql";
import { Column } from "typeorm";

/** An image stored inline in its owner's row (embedded columns `<prefix>_url`, `<prefix>_alt`, ...). */
@ObjectType({ description: "An image with what a page needs to lay it out and describe it.", simpleResolvers: true })
export class Image {
  @Field(() => String, { description: "Absolute URL of the image." })
  @Column({ type: "text", nullable: true })
  url!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Alternative text for screen readers; null or empty when decorative.",
  })
  @Column({ type: "text", nullable: true })
  alt!: string | null;

  @Field(() => Int, { nullable: true, description: "Width in pixels." })
  @Column({ type: "integer", nullable: true })
  width!: number | null;

  @Field(() => Int, { nullable: true, description: "Height in pixels." })
  @Column({ type: "integer", nullable: true })
  height!: number | null;
}

import { Field, ObjectType } from "type-graphql";
import { Column, Entity, Index } from "typeorm";

import { VersionedEntity } from "../../common/base.entity";
import { Node } from "../nodes/node.type";

@ObjectType({ description: "A person who writes articles.", implements: Node, simpleResolvers: true })
@Entity("authors")
@Index("authors_slug_key", ["slug"], { unique: true })
export class Author extends VersionedEntity {
  @Field({ description: "URL-safe unique name, e.g. `maria-lindqvist`." })
  @Column({ type: "text" })
  slug!: string;

  @Field({ description: "Display name." })
  @Column({ type: "text" })
  name!: string;

  @Field({ description: "Short biography, plain text (a sentence or two)." })
  @Column({ type: "text", default: "" })
  bio!: string;

  @Field(() => String, { nullable: true, description: "URL of the author's portrait." })
  @Column({ type: "text", nullable: true })
  avatarUrl!: string | null;
}

import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

import { Node } from "../nodes/node.type";

@ObjectType({ description: "A topic articles are filed under.", implements: Node, simpleResolvers: true })
@Entity("tags")
@Index("tags_slug_key", ["slug"], { unique: true })
export class Tag {
  @Field(() => ID, { description: "Stable identifier (a UUID)." })
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Field({ description: "URL-safe unique name, e.g. `climate`." })
  @Column({ type: "text" })
  slug!: string;

  @Field({ description: "Display name, e.g. `Climate`." })
  @Column({ type: "text" })
  name!: string;
}

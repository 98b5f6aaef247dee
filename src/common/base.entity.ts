import { Field, ID, ObjectType } from "type-graphql";
import { CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

/** Id and timestamps shared by every stored record. */
@ObjectType()
export abstract class BaseEntity {
  @Field(() => ID, { description: "Stable identifier (a UUID)." })
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Field({ description: "When the record was created." })
  @CreateDateColumn({ type: "timestamptz" })
  createdAt!: Date;

  @Field({ description: "When the record was last changed." })
  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt!: Date;
}

import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

/** Id and timestamps of the records that carry them (articles and authors). */
@ObjectType({ simpleResolvers: true })
export abstract class BaseEntity {
  @Field(() => ID, { description: "Stable identifier (a UUID)." })
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Field({ description: "When the record was created." })
  @CreateDateColumn({ type: "timestamptz", precision: 3 })
  createdAt!: Date;

  @Field({ description: "When the record was last changed." })
  @UpdateDateColumn({ type: "timestamptz", precision: 3 })
  updatedAt!: Date;
}

/** A record edited by several people: updates name the version they read, so none is silently lost. */
@ObjectType({ simpleResolvers: true })
export abstract class VersionedEntity extends BaseEntity {
  @Field(() => Int, { description: "Changes with every update; pass it back to update this record." })
  @Column({ type: "integer", default: 1 })
  version!: number;
}

import { Field, ID, ObjectType } from "type-graphql";

@ObjectType({
  description: "An article readers can no longer see: unpublished, archived, rescheduled to later, or deleted.",
  simpleResolvers: true,
})
export class ArticleRemoval {
  @Field(() => ID, { description: "The article's id (it may no longer exist)." })
  id!: string;

  @Field({ description: "When it stopped being visible." })
  removedAt!: Date;
}

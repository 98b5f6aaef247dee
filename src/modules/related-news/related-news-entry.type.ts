import { Field, Float, ObjectType } from "type-graphql";

import { RelatedItem } from "./related-item.type";
import { RelatedReason } from "./related-reason";

/** One entry of an article's related news with why it is there: the same list as `Article.related`. */
@ObjectType({ description: "One entry of an article's related news, with why it is there.", simpleResolvers: true })
export class RelatedNewsEntry {
  @Field(() => RelatedReason, { description: "PINNED for an editor's link, else the strongest part of the score." })
  reason!: RelatedReason;

  @Field(() => Float, {
    nullable: true,
    description: "The computed score (higher is closer; see the README for the formula); null for a pinned entry.",
  })
  score!: number | null;

  @Field(() => RelatedItem, { description: "The related article or external link." })
  item!: RelatedItem;

  constructor(reason: RelatedReason, score: number | null, item: RelatedItem) {
    this.reason = reason;
    this.score = score;
    this.item = item;
  }
}

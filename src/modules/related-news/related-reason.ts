import { registerEnumType } from "type-graphql";

/** Why an entry is in an article's related news: the editor pinned it, or the strongest part of its computed score. */
export enum RelatedReason {
  PINNED = "PINNED",
  SHARED_TAGS = "SHARED_TAGS",
  SAME_AUTHOR = "SAME_AUTHOR",
  SIMILAR_TEXT = "SIMILAR_TEXT",
}
registerEnumType(RelatedReason, {
  name: "RelatedReason",
  description: "Why an entry is in an article's related news, for a front end to label it.",
  valuesConfig: {
    PINNED: { description: "Chosen by an editor (the pinned links come first, in their order)." },
    SHARED_TAGS: { description: "Computed: mostly the tags both carry (rarer tags weigh more)." },
    SAME_AUTHOR: { description: "Computed: mostly the same author." },
    SIMILAR_TEXT: { description: "Computed: mostly similar headlines." },
  },
});

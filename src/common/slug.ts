import { Matches, MaxLength } from "class-validator";

/** Lowercase letters and digits in hyphen-separated words: `city-council-approves-budget`. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX_LENGTH = 120;

/** A slug made from a title: accents folded, anything else between words turned into single hyphens. */
export function slugify(text: string, maxLength = 80): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug.slice(0, maxLength).replace(/-+$/, "") || "untitled";
}

/** The slug rules as one validation decorator: at most SLUG_MAX_LENGTH, lowercase words joined by single hyphens. */
export function IsSlug(example: string): PropertyDecorator {
  const length = MaxLength(SLUG_MAX_LENGTH);
  const pattern = Matches(SLUG_PATTERN, {
    message: `slug must be lowercase letters, digits and single hyphens, e.g. ${example}`,
  });
  return (target, property) => {
    length(target, property);
    pattern(target, property);
  };
}

/**
 * Shapes of the demo content. Text may contain slots in braces, filled per article from its "facts":
 * {place} {country} {cur} (£ or €) {n} {m} (numbers from the story's ranges) {org} {body} {person} {surname} {role}.
 * {body} is one of the topic's organisations; {org} is one of the story's own, or else the same as {body}.
 */

export interface AuthorSeed {
  slug: string;
  name: string;
  bio: string;
}

export interface TagSeed {
  slug: string;
  name: string;
}

export interface Place {
  name: string;
  country: string;
  /** "local" places get the Local tag, "europe" places the Europe tag. */
  region: "local" | "europe";
  currency: "£" | "€";
}

export interface ExternalSource {
  url: string;
  title: string;
}

/** A number range for a slot: [min, max, step]. */
export type NumberRange = [number, number, number];

export interface StoryTemplate {
  /** Headline variants, used in turn. */
  titles: string[];
  /** One or two sentences for lists and previews. */
  excerpt: string;
  /** The opening paragraph. */
  lede: string;
  /** A second paragraph with the story's specifics. */
  detail: string;
  /** The final paragraph: what happens next. */
  closer: string;
  /** An optional bullet list with its lead-in sentence. */
  list?: BulletList;
  /** Alt text of the lead image. */
  alt: string;
  n?: NumberRange;
  m?: NumberRange;
  /** Further tags (slugs) beyond the topic's own. */
  tags?: string[];
  /** Replace the topic's pools for this story when they would not fit it. */
  orgs?: string[];
  roles?: string[];
  quotes?: string[];
  paragraphs?: string[];
}

export interface BulletList {
  /** The sentence introducing the list. */
  intro: string;
  items: string[];
}

export interface TopicGroup {
  /** Slug of the topic's main tag. */
  tag: string;
  /** Slugs of the authors who write on the topic, in rotation (repeat a slug to give it more of the articles). */
  authors: string[];
  stories: StoryTemplate[];
  /** Background paragraphs that fit any story of the topic. */
  paragraphs: string[];
  subheadings: string[];
  /** Quotations (without quote marks or attribution). */
  quotes: string[];
  /** Who is quoted, e.g. "a transport planner at {place} City Council". */
  roles: string[];
  /** Organisations for the {org} slot. */
  orgs: string[];
  sources: ExternalSource[];
}

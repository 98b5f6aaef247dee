import { firstNames, places as allPlaces, surnames } from "./places";
import type { Dice } from "./random";
import type { Place, StoryTemplate, TopicGroup } from "./types";

/** One article's text and metadata, before ids, statuses and dates are given out. */
export interface StoryDraft {
  topic: TopicGroup;
  /** The template it was told from (the same story in other places shares it). */
  story: StoryTemplate;
  title: string;
  slug: string;
  excerpt: string;
  /** Markdown. */
  body: string;
  alt: string;
  /** Tag slugs, main topic first (1 to 3). */
  tagSlugs: string[];
  authorSlug: string;
}

type Facts = Record<string, string>;

/** News stories are told in this many places; opinion pieces in fewer. */
const NEWS_INSTANCES = 4;
const OPINION_INSTANCES = 2;
const MAX_SLUG_LENGTH = 80;

/** Replaces every {slot} of text with its fact (`{place}'s` becomes Nantes', Leeds' ...); an unknown slot throws. */
export function fill(text: string, facts: Facts): string {
  const filled = text.replace(/\{(\w+)\}('s)?/g, (_match, slot: string, possessive?: string) => {
    const value = facts[slot];
    if (value === undefined) throw new Error(`Demo content uses an unknown slot {${slot}} in "${text}"`);
    if (!possessive) return value;
    return value.endsWith("s") ? `${value}'` : `${value}'s`;
  });
  return filled.charAt(0).toUpperCase() + filled.slice(1);
}

export function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  return slug.slice(0, slug.lastIndexOf("-", MAX_SLUG_LENGTH));
}

/** Composes every article of every topic: each story is told in several places, each place once per topic. */
export function composeStories(topics: TopicGroup[], dice: Dice): StoryDraft[] {
  const drafts: StoryDraft[] = [];
  const titles = new Set<string>();
  for (const topic of topics) {
    const placeOrder = dice.shuffle(allPlaces);
    let placeCursor = 0;
    let authorCursor = 0;
    for (const story of topic.stories) {
      const instances = story.tags?.includes("opinion") ? OPINION_INSTANCES : NEWS_INSTANCES;
      for (let instance = 0; instance < instances; instance++) {
        let draft: StoryDraft;
        do {
          const place = placeOrder[placeCursor++ % placeOrder.length];
          const authorSlug = topic.authors[authorCursor % topic.authors.length];
          draft = composeStory(topic, story, instance, place, authorSlug, dice);
          if (placeCursor > placeOrder.length * 2) throw new Error(`Cannot find a unique title for "${draft.title}"`);
        } while (titles.has(draft.title));
        authorCursor++;
        titles.add(draft.title);
        drafts.push(draft);
      }
    }
  }
  return drafts;
}

function composeStory(
  topic: TopicGroup,
  story: StoryTemplate,
  instance: number,
  place: Place,
  authorSlug: string,
  dice: Dice,
): StoryDraft {
  const base: Facts = { place: place.name, country: place.country, cur: place.currency };
  const body = fillLower(dice.pick(topic.orgs), base);
  const org = story.orgs ? fillLower(story.orgs[instance % story.orgs.length], base) : body;
  const facts: Facts = {
    ...base,
    body,
    org,
    n: story.n ? formatNumber(dice.inRange(story.n)) : "",
    m: story.m ? formatNumber(dice.inRange(story.m)) : "",
    person: `${dice.pick(firstNames)} ${dice.pick(surnames)}`,
  };
  facts.surname = facts.person.split(" ")[1];
  facts.role = fillLower(dice.pick(story.roles ?? topic.roles), facts);

  const title = fill(story.titles[instance % story.titles.length], facts);
  const paragraphs = dice.shuffle(story.paragraphs ?? topic.paragraphs).map((text) => fill(text, facts));
  const quote = fill(dice.pick(story.quotes ?? topic.quotes), facts);
  const blocks = [fill(story.lede, facts), fill(story.detail, facts), paragraphs[0]];
  blocks.push(
    dice.chance(0.5)
      ? `> "${quote}."\n>\n> — ${facts.person}, ${facts.role}`
      : `"${quote}," said ${facts.person}, ${facts.role}.`,
  );
  blocks.push(`## ${dice.pick(topic.subheadings)}`, paragraphs[1], paragraphs[2]);
  if (story.list) {
    const items = story.list.items.map((item) => `- ${fill(item, facts)}`).join("\n");
    blocks.push(`${fill(story.list.intro, facts)}\n\n${items}`);
  }
  blocks.push(paragraphs[3]);
  if (!story.list || dice.chance(0.4)) blocks.push(paragraphs[4]);
  blocks.push(fill(story.closer, facts));

  return {
    topic,
    story,
    title,
    slug: slugify(title),
    excerpt: fill(story.excerpt, facts),
    body: blocks.join("\n\n") + "\n",
    alt: fill(story.alt, facts),
    tagSlugs: chooseTags(topic, story, place, dice),
    authorSlug,
  };
}

/** The topic's tag, the story's own, and (always for local stories, else often) the region's: at most three. */
function chooseTags(topic: TopicGroup, story: StoryTemplate, place: Place, dice: Dice): string[] {
  const own = (story.tags ?? []).filter((tag) => tag !== "local");
  const withRegion = story.tags?.includes("local") || dice.chance(0.45);
  const slugs = [topic.tag, ...own];
  if (withRegion) slugs.push(place.region === "local" ? "local" : "europe");
  return [...new Set(slugs)].slice(0, 3);
}

/** Fills a phrase that sits mid-sentence (an organisation or a role), so keeps its first letter as written. */
function fillLower(text: string, facts: Facts): string {
  const filled = fill(text, facts);
  return text.charAt(0) === "{" ? filled : text.charAt(0) + filled.slice(1);
}

function formatNumber(value: number): string {
  return value.toLocaleString("en-GB");
}

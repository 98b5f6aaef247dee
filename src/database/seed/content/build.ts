import { randomUUID } from "node:crypto";

import { type BodyFields, deriveBodyFields } from "../../../modules/articles/article.body";
import { ArticleStatus } from "../../../modules/articles/article.entity";
import { authors } from "./authors";
import { composeStories, type StoryDraft } from "./compose";
import { Dice } from "./random";
import { tags } from "./tags";
import { topics } from "./topics";

/** Rows ready for bulk insertion, in dependency order. */
export interface DemoContent {
  authors: Array<{ id: string; slug: string; name: string; bio: string; avatarUrl: string }>;
  tags: Array<{ id: string; slug: string; name: string }>;
  articles: ArticleRow[];
  articleTags: Array<{ articleId: string; tagId: string }>;
  relatedLinks: RelatedLinkRow[];
}

export interface ArticleRow extends BodyFields {
  id: string;
  slug: string;
  title: string;
  excerpt: string;
  thumbnailColumns: { url: string; alt: string; width: number; height: number };
  status: ArticleStatus;
  publishedAt: Date | null;
  authorId: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface RelatedLinkRow {
  id: string;
  articleId: string;
  position: number;
  targetArticleId: string | null;
  url: string | null;
  title: string | null;
}

const SEED = 20_261_104;
const IMAGE_BASE = "https://images.byline.example";
const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
/** Published articles are spread over this many days before now. */
const SPAN_DAYS = 120;
const DRAFTS = 10;
const SCHEDULED_AHEAD = 5;
const ARCHIVED = 4;
const EXTERNAL_LINK_CHANCE = 0.25;
const REGION_TAGS = new Set(["local", "europe"]);

interface Planned extends StoryDraft {
  id: string;
  status: ArticleStatus;
  publishedAt: Date | null;
}

/** Composes the whole demo site. Deterministic apart from the ids and the dates, which are relative to now. */
export function buildDemoContent(now: Date, newId: () => string = randomUUID): DemoContent {
  const dice = new Dice(SEED);
  const authorRows = authors.map((author) => ({
    id: newId(),
    ...author,
    avatarUrl: `${IMAGE_BASE}/avatars/${author.slug}.jpg`,
  }));
  const tagRows = tags.map((tag) => ({ id: newId(), ...tag }));
  const authorId = new Map(authorRows.map((row) => [row.slug, row.id]));
  const tagId = new Map(tagRows.map((row) => [row.slug, row.id]));

  // Interleave the topics, then give out statuses and dates along that order.
  const planned = schedule(dice.shuffle(composeStories(topics, dice)), now, dice, newId);

  const articles: ArticleRow[] = planned.map((article) => {
    const publishedAt = article.publishedAt;
    const createdAt = new Date(
      publishedAt && publishedAt <= now
        ? publishedAt.getTime() - dice.int(2, 48) * HOUR
        : now.getTime() - dice.int(3, 72) * HOUR,
    );
    const updatedAt =
      article.status === ArticleStatus.ARCHIVED
        ? new Date(Math.min(now.getTime(), publishedAt!.getTime() + dice.int(5, 30) * DAY))
        : new Date(Math.max(createdAt.getTime(), Math.min(now.getTime(), publishedAt?.getTime() ?? 0)));
    return {
      id: article.id,
      slug: article.slug,
      title: article.title,
      excerpt: article.excerpt,
      ...deriveBodyFields(article.body),
      thumbnailColumns: {
        url: `${IMAGE_BASE}/articles/${article.slug}.jpg`,
        alt: article.alt,
        width: 1200,
        height: 675,
      },
      status: article.status,
      publishedAt,
      authorId: lookup(authorId, article.authorSlug),
      createdAt,
      updatedAt,
    };
  });

  const articleTags = planned.flatMap((article) =>
    article.tagSlugs.map((slug) => ({ articleId: article.id, tagId: lookup(tagId, slug) })),
  );

  return {
    authors: authorRows,
    tags: tagRows,
    articles,
    articleTags,
    relatedLinks: relate(planned, now, dice, newId),
  };
}

/** A few drafts, a few SCHEDULED ahead, a couple archived; the rest published. */
function schedule(drafts: StoryDraft[], now: Date, dice: Dice, newId: () => string): Planned[] {
  const order = dice.shuffle(drafts.map((_draft, index) => index));
  const draftIndexes = new Set(order.slice(0, DRAFTS));
  const aheadIndexes = order.slice(DRAFTS, DRAFTS + SCHEDULED_AHEAD);
  const planned: Planned[] = drafts.map((draft) => ({
    ...draft,
    id: newId(),
    status: ArticleStatus.PUBLISHED,
    publishedAt: null,
  }));

  for (const index of draftIndexes) planned[index].status = ArticleStatus.DRAFT;
  aheadIndexes.forEach((index, rank) => {
    const at = now.getTime() + (rank + 1) * 30 * HOUR;
    planned[index].status = ArticleStatus.SCHEDULED;
    planned[index].publishedAt = new Date(Math.ceil(at / HOUR) * HOUR);
  });

  // Past publications: newest first, one every SPAN_DAYS / count, nudged by up to half a step, to the minute.
  const past = planned.filter((article) => article.status === ArticleStatus.PUBLISHED && !article.publishedAt);
  const step = (SPAN_DAYS * DAY) / past.length;
  past.forEach((article, rank) => {
    let at = now.getTime() - (rank + 0.5) * step - dice.float() * step * 0.5;
    const hour = new Date(at).getUTCHours();
    if (hour < 6) at += (6 - hour) * HOUR; // newsrooms publish little before six in the morning
    article.publishedAt = new Date(Math.floor(at / 60_000) * 60_000);
  });
  // Archive a few of the older ones.
  const older = past.slice(Math.floor(past.length / 2));
  for (const article of dice.shuffle(older).slice(0, ARCHIVED)) article.status = ArticleStatus.ARCHIVED;
  return planned;
}

/** 2-4 internal links per article to visible articles sharing a tag, and now and then one external source. */
function relate(planned: Planned[], now: Date, dice: Dice, newId: () => string): RelatedLinkRow[] {
  const visible = planned.filter(
    (article) =>
      article.status === ArticleStatus.PUBLISHED && article.publishedAt !== null && article.publishedAt <= now,
  );
  const byTag = new Map<string, Planned[]>();
  for (const article of visible) {
    for (const slug of article.tagSlugs) {
      const list = byTag.get(slug);
      if (list) list.push(article);
      else byTag.set(slug, [article]);
    }
  }

  const rows: RelatedLinkRow[] = [];
  for (const article of planned) {
    const [mainTag, ...otherTags] = article.tagSlugs;
    // At most one link through each other topic tag; a region tag alone makes too loose a relation.
    const secondary = otherTags
      .filter((slug) => !REGION_TAGS.has(slug))
      .flatMap((slug) => dice.shuffle(byTag.get(slug) ?? []).slice(0, 1));
    const candidates = [...secondary, ...dice.shuffle(byTag.get(mainTag) ?? []), ...dice.shuffle(visible)];
    const wanted = dice.int(2, 4);
    const targets: string[] = [];
    for (const candidate of candidates) {
      if (targets.length === wanted) break;
      // Not itself, nor the same story told in another place (reads like a duplicate), nor twice.
      if (candidate.story !== article.story && !targets.includes(candidate.id)) targets.push(candidate.id);
    }
    targets.forEach((targetArticleId, position) =>
      rows.push({ id: newId(), articleId: article.id, position, targetArticleId, url: null, title: null }),
    );
    if (dice.chance(EXTERNAL_LINK_CHANCE)) {
      const source = dice.pick(article.topic.sources);
      rows.push({
        id: newId(),
        articleId: article.id,
        position: targets.length,
        targetArticleId: null,
        url: source.url,
        title: source.title,
      });
    }
  }
  return rows;
}

function lookup(ids: Map<string, string>, slug: string): string {
  const id = ids.get(slug);
  if (!id) throw new Error(`Demo content refers to an unknown slug "${slug}"`);
  return id;
}

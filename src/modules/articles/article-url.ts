import type { Article } from "./article.entity";

/** The placeholders a public article URL template may hold (`PUBLIC_ARTICLE_URL`). */
const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN_PLACEHOLDERS: ReadonlySet<string> = new Set(["slug", "id"]);

/**
 * What is wrong with a public article URL template, or null when it is usable: it must name the article (`{slug}` or
 * `{id}`), hold no other placeholder, and be an absolute http(s) URL once filled in.
 */
export function articleUrlTemplateProblem(template: string): string | null {
  const names = [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!);
  const unknown = names.filter((name) => !KNOWN_PLACEHOLDERS.has(name));
  if (unknown.length > 0) return `has unknown placeholders ${unknown.map((name) => `{${name}}`).join(", ")}`;
  if (!names.some((name) => KNOWN_PLACEHOLDERS.has(name))) return "must contain {slug} or {id}";
  if (/[{}]/.test(template.replace(PLACEHOLDER, ""))) return "has an unbalanced { or }";
  const sample = fill(template, { id: "00000000-0000-4000-8000-000000000000", slug: "sample-slug" });
  return isHttpUrl(sample) ? null : "must be an absolute http:// or https:// URL";
}

/** Whether `value` is an absolute http(s) URL. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * The public URL of an article: the one rule behind `Article.url`, every feed and every sitemap. Needs only the
 * article's id and slug, so any read path that loaded the row can answer it.
 */
export function articleUrl(template: string, article: Pick<Article, "id" | "slug">): string {
  return fill(template, article);
}

const fill = (template: string, article: Pick<Article, "id" | "slug">): string =>
  template.replace(PLACEHOLDER, (_match, name: string) =>
    encodeURIComponent(name === "id" ? article.id : article.slug),
  );

/** {@link articleUrl} with the configured template (`PUBLIC_ARTICLE_URL`), for the field and the syndication routes. */
export class ArticleUrls {
  constructor(private readonly template: string) {}

  of(article: Pick<Article, "id" | "slug">): string {
    return articleUrl(this.template, article);
  }
}

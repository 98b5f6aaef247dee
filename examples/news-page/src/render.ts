import type { NewsPageArticleFragment } from "./generated/graphql";

type Children = Array<Node | string | null>;

/** An element with attributes and children; strings become text nodes, so nothing in them is read as HTML. */
function el(tag: string, attributes: Record<string, string> = {}, children: Children = []): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) if (child !== null) element.append(child);
  return element;
}

/** The page's link to another article of the site. */
const articleHref = (slug: string): string => `?${new URLSearchParams({ slug })}`;

/** An external link's URL if it is http(s) (Byline validates them on save; a page checks what it puts in an href). */
function safeHttpUrl(url: string): string | null {
  try {
    const { protocol } = new URL(url);
    return protocol === "http:" || protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

const formatDate = (iso: string | null): string =>
  iso ? new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" }) : "";

/**
 * The news page for one article: the article (thumbnail, author with bio, body) with its related news, and the Latest
 * News beside it. Text goes in as text; only `bodyHtml`, which Byline sanitizes when it is saved, goes in as HTML.
 */
export function renderNewsPage(article: NewsPageArticleFragment): HTMLElement {
  return el("div", { class: "page" }, [renderArticle(article), renderLatestNews(article.latestNews.nodes)]);
}

function renderArticle(article: NewsPageArticleFragment): HTMLElement {
  const { thumbnail, author } = article;
  const body = el("div", { class: "body", "data-testid": "body" });
  body.innerHTML = article.bodyHtml;
  return el("article", { "data-testid": "article" }, [
    el("h1", {}, [article.title]),
    el("p", { class: "meta" }, [`${formatDate(article.publishedAt)} · ${article.readingTimeMinutes} min read`]),
    thumbnail
      ? el("img", {
          class: "thumbnail",
          src: thumbnail.url,
          alt: thumbnail.alt ?? "",
          ...(thumbnail.width && thumbnail.height
            ? { width: String(thumbnail.width), height: String(thumbnail.height) }
            : {}),
        })
      : null,
    el("section", { class: "author", "data-testid": "author" }, [
      el("strong", { class: "author-name" }, [author.name]),
      el("p", { class: "author-bio" }, [author.bio]),
    ]),
    body,
    renderRelated(article.related),
  ]);
}

function renderRelated(related: NewsPageArticleFragment["related"]): HTMLElement | null {
  if (related.length === 0) return null;
  const items = related.map((item) => {
    const href = item.__typename === "Article" ? articleHref(item.slug) : safeHttpUrl(item.url);
    const external: Record<string, string> =
      item.__typename === "ExternalLink" ? { rel: "noopener noreferrer", target: "_blank" } : {};
    return el("li", {}, [href ? el("a", { href, ...external }, [item.title]) : item.title]);
  });
  return el("section", { class: "related", "data-testid": "related" }, [
    el("h2", {}, ["Related news"]),
    el("ul", {}, items),
  ]);
}

function renderLatestNews(nodes: NewsPageArticleFragment["latestNews"]["nodes"]): HTMLElement {
  const items = nodes.map((node) =>
    el("li", {}, [
      el("a", { href: articleHref(node.slug) }, [node.title]),
      el("p", { class: "excerpt" }, [node.excerpt]),
      el("p", { class: "meta" }, [`${node.author.name} · ${formatDate(node.publishedAt)}`]),
    ]),
  );
  return el("aside", { class: "latest", "data-testid": "latest-news" }, [
    el("h2", {}, ["Latest News"]),
    el("ul", {}, items),
  ]);
}

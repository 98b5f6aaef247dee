import type {
  LatestNewsPageQuery,
  LatestNewsPageQueryVariables,
  NewsPageArticleFragment,
  NewsPageQuery,
  NewsPageQueryVariables,
} from "./generated/graphql";
import { LATEST_NEWS_PAGE_QUERY, NEWS_PAGE_QUERY } from "./news-page.graphql";
import { describeErrors, type GraphQLResult, sendPersistedQuery } from "./persisted-query";
import { renderNewsPage } from "./render";

/** Same origin: the example's server forwards /graphql to Byline. */
const ENDPOINT = "/graphql";

/** The article a page load shows: `?slug=`'s, or the newest; one GraphQL request either way. */
async function loadArticle(slug: string | null): Promise<NewsPageArticleFragment | null> {
  if (slug) {
    const result = await sendPersistedQuery<NewsPageQuery, NewsPageQueryVariables>(ENDPOINT, {
      query: NEWS_PAGE_QUERY,
      operationName: "NewsPage",
      variables: { slug },
    });
    return dataOf(result).article;
  }
  const result = await sendPersistedQuery<LatestNewsPageQuery, LatestNewsPageQueryVariables>(ENDPOINT, {
    query: LATEST_NEWS_PAGE_QUERY,
    operationName: "LatestNewsPage",
    variables: {},
  });
  return dataOf(result).latestNews.nodes[0] ?? null;
}

function dataOf<TData>(result: GraphQLResult<TData>): TData {
  if (result.errors?.length || !result.data) throw new Error(describeErrors(result) || "No data in the answer.");
  return result.data;
}

function showMessage(root: HTMLElement, text: string, kind: "error" | "empty"): void {
  const message = document.createElement("p");
  message.className = `message ${kind}`;
  message.setAttribute("data-testid", kind);
  message.textContent = text;
  root.replaceChildren(message);
}

async function main(root: HTMLElement): Promise<void> {
  const slug = new URLSearchParams(location.search).get("slug");
  try {
    const article = await loadArticle(slug);
    if (!article)
      return showMessage(root, slug ? `No published article "${slug}".` : "Nothing published yet.", "empty");
    document.title = `${article.title} · Byline`;
    root.replaceChildren(renderNewsPage(article));
  } catch (error) {
    showMessage(root, `Could not load the page: ${(error as Error).message}`, "error");
  }
}

void main(document.getElementById("app") as HTMLElement);

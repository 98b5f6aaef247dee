import type { GraphiQLProps } from "graphiql";

type TabDefinition = NonNullable<GraphiQLProps["defaultTabs"]>[number];

/** Slugs to put in the examples' variables: the newest article and its author when there is one. */
export interface ExampleSlugs {
  article: string;
  author: string;
}

/** Used when the database has no published article yet (the examples then answer `null`). */
export const PLACEHOLDER_SLUGS: ExampleSlugs = {
  article: "city-council-approves-budget",
  author: "maria-lindqvist",
};

export const NEWEST_SLUGS_QUERY = "{ latestNews(first: 1) { nodes { slug author { slug } } } }";

const json = (value: unknown): string => JSON.stringify(value, null, 2);

const ARTICLE_PAGE = `# Everything an article page shows, in one request.
query ArticlePage($slug: String!) {
  article(slug: $slug) {
    title
    excerpt
    publishedAt
    readingTimeMinutes
    thumbnail {
      url
      alt
    }
    author {
      name
      bio
      avatarUrl
    }
    tags {
      name
      slug
    }
    related {
      __typename
      ... on Article {
        title
        slug
      }
      ... on ExternalLink {
        title
        url
      }
    }
    latestNews(first: 5) {
      nodes {
        title
        slug
        excerpt
        author {
          name
        }
      }
    }
  }
}
`;

const LATEST_NEWS = `# The Latest News feed, newest first, a page at a time.
# For the next page, copy pageInfo.endCursor into the "after" variable and run again.
query LatestNews($first: Int!, $after: String) {
  latestNews(first: $first, after: $after) {
    edges {
      cursor
      node {
        title
        slug
        excerpt
        publishedAt
        author {
          name
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
`;

const AUTHOR_PAGE = `# An author page: the author and their articles, newest first.
query AuthorPage($slug: String!, $first: Int!, $after: String) {
  author(slug: $slug) {
    name
    bio
    avatarUrl
    articles(first: $first, after: $after) {
      nodes {
        title
        slug
        excerpt
        publishedAt
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
`;

const MUTATION_EXAMPLE = `# Writing needs an API key, sent in the Authorization header (Headers pane below).
# Create one with:  npm run keys -- create --name me --role EDITOR
# and put it in place of <your API key>. Without a valid key the answer is UNAUTHENTICATED (401).
mutation CreateTagExample($name: String!) {
  createTag(name: $name) {
    id
    slug
    name
  }
}
`;

/** The tabs a first visit opens with (GraphiQL keeps the user's own tabs in localStorage after that). */
export function exampleTabs(slugs: ExampleSlugs): TabDefinition[] {
  return [
    { query: ARTICLE_PAGE, variables: json({ slug: slugs.article }) },
    { query: LATEST_NEWS, variables: json({ first: 5, after: null }) },
    { query: AUTHOR_PAGE, variables: json({ slug: slugs.author, first: 5, after: null }) },
    {
      query: MUTATION_EXAMPLE,
      variables: json({ name: "Sandbox" }),
      headers: json({ Authorization: "Bearer <your API key>" }),
    },
  ];
}

/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type NewsPageArticleFragment = { title: string, slug: string, publishedAt: string | null, readingTimeMinutes: number, bodyHtml: string, thumbnail: { url: string, alt: string | null, width: number | null, height: number | null } | null, author: { name: string, bio: string, avatarUrl: string | null }, related: Array<
    | { __typename: 'Article', title: string, slug: string }
    | { __typename: 'ExternalLink', title: string, url: string }
  >, latestNews: { nodes: Array<{ title: string, slug: string, excerpt: string, publishedAt: string | null, author: { name: string } }> } };

export type NewsPageQueryVariables = Exact<{
  slug: string;
}>;


export type NewsPageQuery = { article: { title: string, slug: string, publishedAt: string | null, readingTimeMinutes: number, bodyHtml: string, thumbnail: { url: string, alt: string | null, width: number | null, height: number | null } | null, author: { name: string, bio: string, avatarUrl: string | null }, related: Array<
      | { __typename: 'Article', title: string, slug: string }
      | { __typename: 'ExternalLink', title: string, url: string }
    >, latestNews: { nodes: Array<{ title: string, slug: string, excerpt: string, publishedAt: string | null, author: { name: string } }> } } | null };

export type LatestNewsPageQueryVariables = Exact<{ [key: string]: never; }>;


export type LatestNewsPageQuery = { latestNews: { nodes: Array<{ title: string, slug: string, publishedAt: string | null, readingTimeMinutes: number, bodyHtml: string, thumbnail: { url: string, alt: string | null, width: number | null, height: number | null } | null, author: { name: string, bio: string, avatarUrl: string | null }, related: Array<
        | { __typename: 'Article', title: string, slug: string }
        | { __typename: 'ExternalLink', title: string, url: string }
      >, latestNews: { nodes: Array<{ title: string, slug: string, excerpt: string, publishedAt: string | null, author: { name: string } }> } }> } };

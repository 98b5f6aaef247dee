import type { GraphQLResolveInfo } from "graphql";

import type { Context } from "../../graphql/context";
import { selectionOf } from "../../graphql/selection";
import { connectionNodes } from "./article.projection";
import type { LookAhead } from "./reader-pages";

/** The look-ahead of a root field returning an Article. */
export function articleLookAhead(info: GraphQLResolveInfo, context: Context): LookAhead {
  const selection = selectionOf(info).get("Article");
  return { selections: selection ? [selection] : [], statements: context.statements };
}

/** The look-ahead of a root field returning an ArticleConnection: what its nodes and edges select. */
export function connectionLookAhead(info: GraphQLResolveInfo, context: Context): LookAhead {
  const selection = selectionOf(info).get("ArticleConnection");
  return { selections: connectionNodes(selection ? [selection] : []), statements: context.statements };
}

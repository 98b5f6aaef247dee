import { connectionTypes } from "../../common/pagination";
import { Article } from "../articles/article.entity";

export const { ConnectionType: ArticleConnection, EdgeType: ArticleEdge } = connectionTypes(
  Article,
  "Article",
  "article",
);

import { connectionTypes } from "../../common/pagination";
import { Article } from "../articles/article.entity";

export const { ConnectionType: ArticleConnection } = connectionTypes(Article, "Article", "article");

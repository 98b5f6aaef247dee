import { type DataSource, type EntityTarget, In, type ObjectLiteral } from "typeorm";

import { BadUserInputError, type Violation } from "../../common/errors";
import { isUuid } from "../../common/pagination";
import { Article } from "../articles/article.entity";
import { visibleArticleSql } from "../articles/article.visibility";
import type { Viewer } from "../auth/viewer";
import { Author } from "../authors/author.entity";
import { Tag } from "../tags/tag.entity";
import { MAX_NODE_IDS } from "./node.args";

/** What `node` and `nodes` answer: an entity whose class implements Node (its GraphQL type is told by instanceof). */
export type NodeEntity = Article | Author | Tag;

type NodeClass = typeof Article | typeof Author | typeof Tag;

/** Every entity that implements Node; the lookup finds which of their tables holds an id. */
const NODE_CLASSES: readonly NodeClass[] = [Article, Author, Tag];

/**
 * Objects by global id. A lookup is at most four statements whatever the number of ids: one finds which table holds
 * each id (UNION ALL over the three, by primary key), then one per type found reads its objects, articles through the
 * visibility rule. Their relations resolve through the request's loaders, as everywhere else.
 */
export class NodeService {
  constructor(private readonly dataSource: DataSource) {}

  /** The object with this id, or null when there is none the viewer may see. A malformed id is BAD_USER_INPUT. */
  async find(viewer: Viewer, id: string): Promise<NodeEntity | null> {
    if (!isUuid(id)) throw BadUserInputError.of("id", "isUuid", 'Argument "id" must be a UUID.');
    const [node] = await this.read(viewer, [id]);
    return node ?? null;
  }

  /** The objects with these ids, in their order, null in place of each the viewer may not see or that is unknown. */
  async findMany(viewer: Viewer, ids: readonly string[]): Promise<Array<NodeEntity | null>> {
    rejectUnusableIds(ids);
    return ids.length === 0 ? [] : this.read(viewer, ids);
  }

  private async read(viewer: Viewer, ids: readonly string[]): Promise<Array<NodeEntity | null>> {
    const keys = [...new Set(ids.map(keyOf))];
    const idsByClass = await this.locate(keys);
    const found = await Promise.all(
      [...idsByClass].map(([nodeClass, classIds]) =>
        nodeClass === Article
          ? this.visibleArticles(viewer, classIds)
          : this.dataSource.getRepository<NodeEntity>(nodeClass).findBy({ id: In(classIds) }),
      ),
    );
    const byId = new Map<string, NodeEntity>(found.flat().map((node) => [node.id, node]));
    return ids.map((id) => byId.get(keyOf(id)) ?? null);
  }

  /** Which Node class holds each of `ids` (one statement); ids no table holds are left out. */
  private async locate(ids: string[]): Promise<Map<NodeClass, string[]>> {
    const branches = NODE_CLASSES.map(
      (nodeClass, index) =>
        `SELECT ${index} AS class, id::text AS id FROM ${this.tableOf(nodeClass)} WHERE id = ANY($1::uuid[])`,
    );
    const rows: Array<{ class: number; id: string }> = await this.dataSource.query(branches.join(" UNION ALL "), [ids]);
    const idsByClass = new Map<NodeClass, string[]>();
    for (const row of rows) {
      const nodeClass = NODE_CLASSES[row.class]!;
      idsByClass.set(nodeClass, [...(idsByClass.get(nodeClass) ?? []), row.id]);
    }
    return idsByClass;
  }

  private tableOf(target: EntityTarget<ObjectLiteral>): string {
    const { tablePath } = this.dataSource.getMetadata(target);
    return this.dataSource.driver.escape(tablePath);
  }

  /** Articles the viewer may see, with their authors (lists' shape: the body is loaded only when selected). */
  private visibleArticles(viewer: Viewer, ids: string[]): Promise<Article[]> {
    return this.dataSource
      .getRepository(Article)
      .createQueryBuilder("a")
      .innerJoinAndSelect("a.author", "author")
      .where(visibleArticleSql("a", viewer))
      .andWhere("a.id = ANY(:ids)", { ids })
      .getMany();
  }
}

/** PostgreSQL answers a uuid in lower case; a client may send it in either. */
const keyOf = (id: string): string => id.toLowerCase();

/** At most MAX_NODE_IDS ids, each a UUID; every broken rule is named (`ids`, `ids.3`, as the NUL check names list items). */
function rejectUnusableIds(ids: readonly string[]): void {
  const violations: Violation[] = [];
  if (ids.length > MAX_NODE_IDS) {
    violations.push({ field: "ids", rule: "maxSize", message: `Argument "ids" takes at most ${MAX_NODE_IDS} ids.` });
  }
  ids.forEach((id, index) => {
    if (!isUuid(id))
      violations.push({ field: `ids.${index}`, rule: "isUuid", message: `"ids.${index}" must be a UUID.` });
  });
  if (violations.length > 0) throw new BadUserInputError(violations);
}

import type { DataSource, EntityManager } from "typeorm";

import { BadUserInputError, ConflictError, NotFoundError } from "../../common/errors";
import { slugify } from "../../common/slug";
import { inTransaction } from "../../common/transaction";
import { lockAtVersion } from "../../common/versioning";
import { dependencyKey } from "../../delivery/dependencies";
import { NO_PURGE, type Purge } from "../../delivery/response-cache";
import { Article } from "../articles/article.entity";
import { definedOnly } from "../articles/article-editor.service";
import { ArticleWrites } from "../articles/article-writes";
import { Author } from "./author.entity";
import type { CreateAuthorInput, DeleteAuthorArgs, UpdateAuthorInput } from "./author.inputs";

/** What an author's write may change: answers showing them, the list of authors, lookups and feeds by their slug. */
const authorKeys = (author: Author) => [
  dependencyKey.author(author.id),
  dependencyKey.authors,
  dependencyKey.authorSlug(author.slug),
  dependencyKey.authorFeed(author.id),
  dependencyKey.authorSlugFeed(author.slug),
];

/** Writes to authors, each in one transaction; updates check the version the client read. */
export class AuthorEditorService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly purge: Purge = NO_PURGE,
    private readonly writes: ArticleWrites = new ArticleWrites(dataSource),
  ) {}

  async create(input: CreateAuthorInput): Promise<Author> {
    const author = await inTransaction(this.dataSource, async (manager) => {
      const repository = manager.getRepository(Author);
      const author = repository.create({
        name: input.name,
        slug: input.slug ?? slugify(input.name),
        bio: input.bio,
        avatarUrl: input.avatarUrl ?? null,
      });
      await repository.insert(author);
      return repository.findOneByOrFail({ id: author.id });
    });
    await this.purge(authorKeys(author));
    return author;
  }

  async update({ id, version, ...fields }: UpdateAuthorInput): Promise<Author> {
    const [before, after] = await inTransaction(this.dataSource, async (manager) => {
      const repository = manager.getRepository(Author);
      const current = await lockAtVersion(manager, Author, "author", id, version);
      await repository.update({ id }, { ...definedOnly(fields), version: current.version + 1 });
      return [current, await repository.findOneByOrFail({ id })];
    });
    await this.purge([...authorKeys(before), ...authorKeys(after)]);
    return after;
  }

  /** Refused while the author has articles, unless they are first given to `reassignTo`. */
  async delete({ id, reassignTo }: DeleteAuthorArgs): Promise<string> {
    const keys: string[] = [];
    // The articles it has, locked, go to `reassignTo` as article writes (their pages and feeds change).
    const articlesOf = async (manager: EntityManager) =>
      reassignTo === undefined
        ? []
        : (
            await manager
              .getRepository(Article)
              .find({ select: { id: true }, where: { authorId: id }, lock: { mode: "pessimistic_write" } })
          ).map((article) => article.id);
    await this.writes.run(articlesOf, async (manager) => {
      const author = await manager.getRepository(Author).findOneBy({ id });
      if (!author) throw new NotFoundError("id", "author");
      keys.push(...authorKeys(author));
      if (reassignTo !== undefined) {
        if (reassignTo === id)
          throw BadUserInputError.of("reassignTo", "different", "reassignTo must be another author.");
        if (!(await manager.getRepository(Author).existsBy({ id: reassignTo }))) {
          throw new NotFoundError("reassignTo", "author");
        }
        await manager.getRepository(Article).update({ authorId: id }, { authorId: reassignTo });
      } else {
        const articles = await manager.getRepository(Article).countBy({ authorId: id });
        if (articles > 0) {
          throw new ConflictError(
            `The author still has ${articles} article(s): pass reassignTo to give them to another author first.`,
            { field: "reassignTo" },
          );
        }
      }
      await manager.getRepository(Author).delete({ id });
    });
    await this.purge(keys);
    return id;
  }
}

import type { DataSource } from "typeorm";

import { BadUserInputError, ConflictError, NotFoundError } from "../../common/errors";
import { slugify } from "../../common/slug";
import { inTransaction } from "../../common/transaction";
import { lockAtVersion } from "../../common/versioning";
import { Article } from "../articles/article.entity";
import { definedOnly } from "../articles/article-editor.service";
import { Author } from "./author.entity";
import type { CreateAuthorInput, DeleteAuthorArgs, UpdateAuthorInput } from "./author.inputs";

/** Writes to authors, each in one transaction; updates check the version the client read. */
export class AuthorEditorService {
  constructor(private readonly dataSource: DataSource) {}

  create(input: CreateAuthorInput): Promise<Author> {
    return inTransaction(this.dataSource, async (manager) => {
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
  }

  update({ id, version, ...fields }: UpdateAuthorInput): Promise<Author> {
    return inTransaction(this.dataSource, async (manager) => {
      const repository = manager.getRepository(Author);
      const current = await lockAtVersion(manager, Author, "author", id, version);
      await repository.update({ id }, { ...definedOnly(fields), version: current.version + 1 });
      return repository.findOneByOrFail({ id });
    });
  }

  /** Refused while the author has articles, unless they are first given to `reassignTo`. */
  delete({ id, reassignTo }: DeleteAuthorArgs): Promise<string> {
    return inTransaction(this.dataSource, async (manager) => {
      const author = await manager.getRepository(Author).findOneBy({ id });
      if (!author) throw new NotFoundError("id", "author");
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
      return id;
    });
  }
}

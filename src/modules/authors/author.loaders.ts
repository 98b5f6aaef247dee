import DataLoader from "dataloader";
import { type DataSource, In } from "typeorm";

import { Author } from "./author.entity";

/** Authors by id, one statement per batch; a missing id yields null. */
export function authorByIdLoader(dataSource: DataSource): DataLoader<string, Author | null> {
  return new DataLoader(async (ids) => {
    const authors = await dataSource.getRepository(Author).findBy({ id: In([...ids]) });
    const byId = new Map(authors.map((author) => [author.id, author]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

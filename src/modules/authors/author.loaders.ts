import DataLoader from "dataloader";
import { type DataSource, In } from "typeorm";

import type { TotalCount } from "../../common/pagination";
import type { RowCounter } from "../../database/row-counts";
import { Author } from "./author.entity";

/**
 * Articles' authors by id, one statement per batch. The foreign key says every article's author exists, so an id
 * without one (the author deleted while this request read the article) is a fault of the read, not of the client's
 * input: its Error is masked as INTERNAL_SERVER_ERROR and logged with the request id.
 */
export function authorByIdLoader(dataSource: DataSource): DataLoader<string, Author> {
  return new DataLoader(async (ids) => {
    const authors = await dataSource.getRepository(Author).findBy({ id: In([...ids]) });
    const byId = new Map(authors.map((author) => [author.id, author]));
    return ids.map((id) => byId.get(id) ?? new Error(`author ${id} is gone`));
  });
}

/** How many authors the directory (`authors`) holds: counted once per request, when a query asks. */
export function authorCountLoader(counter: RowCounter): DataLoader<"authors", TotalCount> {
  return new DataLoader(async (keys) => {
    const [count] = await counter.count([{ rows: () => "SELECT au.id FROM authors au" }]);
    return keys.map(() => count!);
  });
}

import { Args, Query, Resolver } from "type-graphql";

import { LookupArgs } from "../../common/lookup.args";
import { type Connection, connectionTypes, PageArgs } from "../../common/pagination";
import { Author } from "./author.entity";
import type { AuthorService } from "./author.service";

export const { ConnectionType: AuthorConnection } = connectionTypes(Author, "Author", "author");

@Resolver(() => Author)
export class AuthorResolver {
  constructor(private readonly authorService: AuthorService) {}

  @Query(() => Author, { nullable: true, description: "An author by `id` or `slug` (exactly one); null when unknown." })
  author(@Args() lookup: LookupArgs): Promise<Author | null> {
    return this.authorService.find(lookup);
  }

  @Query(() => AuthorConnection, { description: "All authors, alphabetically." })
  authors(@Args() { first, after }: PageArgs): Promise<Connection<Author>> {
    return this.authorService.list(first, after);
  }
}

import { Args, Ctx, Query, Resolver } from "type-graphql";

import { LookupArgs } from "../../common/lookup.args";
import { type Connection, connectionTypes, countFieldsResolver, PageArgs } from "../../common/pagination";
import { dependencyKey, recordAnswer } from "../../delivery/dependencies";
import type { Context } from "../../graphql/context";
import { Author } from "./author.entity";
import type { AuthorService } from "./author.service";

export const { ConnectionType: AuthorConnection } = connectionTypes(Author, "Author", "author");

@Resolver(() => Author)
export class AuthorResolver {
  constructor(private readonly authorService: AuthorService) {}

  @Query(() => Author, { nullable: true, description: "An author by `id` or `slug` (exactly one); null when unknown." })
  author(@Args() lookup: LookupArgs, @Ctx() context: Context): Promise<Author | null> {
    const key = lookup.id != null ? dependencyKey.author(lookup.id) : dependencyKey.authorSlug(lookup.slug ?? "");
    return recordAnswer(context.dependencies, [key], this.authorService.find(lookup));
  }

  @Query(() => AuthorConnection, { description: "All authors, alphabetically." })
  authors(@Args() { first, after }: PageArgs, @Ctx() context: Context): Promise<Connection<Author>> {
    // Every write to an author purges the list's key; their pages (`Author.articles`) record themselves.
    context.dependencies?.add(dependencyKey.authors);
    return this.authorService.list(first, after);
  }
}

/** `AuthorConnection.totalCount` and `totalCountIsEstimate`: every author (the directory has no filter). */
export const AuthorConnectionCountResolver = countFieldsResolver(
  AuthorConnection,
  "author",
  (_page: Connection<Author>, { loaders }: Context) => loaders.authorCount.load("authors"),
);

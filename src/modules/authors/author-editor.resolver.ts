import { Arg, Args, Authorized, ID, Mutation, Resolver } from "type-graphql";

import { Role } from "../auth/viewer";
import { Author } from "./author.entity";
import { CreateAuthorInput, DeleteAuthorArgs, UpdateAuthorInput } from "./author.inputs";
import type { AuthorEditorService } from "./author-editor.service";

@Resolver(() => Author)
export class AuthorEditorResolver {
  constructor(private readonly editor: AuthorEditorService) {}

  @Authorized(Role.ADMIN)
  @Mutation(() => Author, { description: "Creates an author. Admins." })
  createAuthor(@Arg("input", () => CreateAuthorInput) input: CreateAuthorInput): Promise<Author> {
    return this.editor.create(input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Author, { description: "Changes an author; fails with CONFLICT on a stale version. Admins." })
  updateAuthor(@Arg("input", () => UpdateAuthorInput) input: UpdateAuthorInput): Promise<Author> {
    return this.editor.update(input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ID, {
    description:
      "Deletes an author; refused (CONFLICT) while they have articles, unless `reassignTo` takes them. Admins.",
  })
  deleteAuthor(@Args() args: DeleteAuthorArgs): Promise<string> {
    return this.editor.delete(args);
  }
}

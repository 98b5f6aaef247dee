import type { AuthChecker } from "type-graphql";

import type { Context } from "../../graphql/context";
import { ForbiddenError, UnauthenticatedError } from "./auth-errors";
import type { Role } from "./viewer";

/** The one auth checker behind every `@Authorized(...)`: anonymous -> 401, a key without the role -> 403. */
export const authChecker: AuthChecker<Context, Role> = ({ context: { viewer } }, roles) => {
  if (!viewer.isEditor) throw new UnauthenticatedError();
  if (roles.length === 0 || roles.some((role) => viewer.has(role))) return true;
  throw new ForbiddenError(roles.join(" or "));
};

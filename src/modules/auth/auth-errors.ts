import { GraphQLError } from "graphql";

import { ErrorCode } from "../../common/errors";

/** No usable API key (HTTP 401, from ERROR_CODES). The message never repeats the key. */
export class UnauthenticatedError extends GraphQLError {
  constructor(message = "This operation needs an API key: send `Authorization: Bearer <key>`.") {
    super(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
  }
}

/** A valid key without the role the operation needs (HTTP 403, from ERROR_CODES). */
export class ForbiddenError extends GraphQLError {
  constructor(required: string) {
    super(`This operation needs the ${required} role.`, { extensions: { code: ErrorCode.FORBIDDEN } });
  }
}

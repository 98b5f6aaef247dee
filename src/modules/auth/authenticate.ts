import type { ApiKeyService } from "./api-key.service";
import { UnauthenticatedError } from "./auth-errors";
import { Viewer } from "./viewer";

/**
 * The viewer of a request from its Authorization header: none means an anonymous reader; a key that is not valid is
 * refused outright (401) rather than quietly downgraded, so a client learns at once that its key is wrong.
 */
export async function authenticate(authorization: string | undefined, apiKeys: ApiKeyService): Promise<Viewer> {
  if (authorization === undefined || authorization.trim() === "") return Viewer.anonymous;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw new UnauthenticatedError("The Authorization header must be `Bearer <key>`.");
  const viewer = await apiKeys.authenticate(match[1]!);
  if (!viewer) throw new UnauthenticatedError("The API key is not valid (unknown or revoked).");
  return viewer;
}

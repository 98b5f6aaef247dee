import { Initial1795873047248 } from "./1795873047248-Initial";
import { EditorialApi1795873949585 } from "./1795873949585-EditorialApi";
import { AuthorFeedIndex1795879275704 } from "./1795879275704-AuthorFeedIndex";
import { DeltaSync1796169818495 } from "./1796169818495-DeltaSync";

/** Every migration, in order. `npm run migration:generate -- migrations/<Name>` writes a new one; list it here. */
export const migrations: Function[] = [
  Initial1795873047248,
  EditorialApi1795873949585,
  AuthorFeedIndex1795879275704,
  DeltaSync1796169818495,
];

import { Initial1795873047248 } from "./1795873047248-Initial";
import { EditorialApi1795873949585 } from "./1795873949585-EditorialApi";
import { AuthorFeedIndex1795879275704 } from "./1795879275704-AuthorFeedIndex";
import { DeltaSync1796169818495 } from "./1796169818495-DeltaSync";
import { RelatedEngine1796190695143 } from "./1796190695143-RelatedEngine";
import { FullTextSearch1796190699340 } from "./1796190699340-FullTextSearch";
import { ArticleEvents1796200000000 } from "./1796200000000-ArticleEvents";
import { Webhooks1796200000001 } from "./1796200000001-Webhooks";
import { SyncLeavesNoDraftTrail1796210000000 } from "./1796210000000-SyncLeavesNoDraftTrail";

/** Every migration, in order. `npm run migration:generate -- migrations/<Name>` writes a new one; list it here. */
export const migrations: Function[] = [
  Initial1795873047248,
  EditorialApi1795873949585,
  AuthorFeedIndex1795879275704,
  DeltaSync1796169818495,
  RelatedEngine1796190695143,
  FullTextSearch1796190699340,
  ArticleEvents1796200000000,
  Webhooks1796200000001,
  SyncLeavesNoDraftTrail1796210000000,
];

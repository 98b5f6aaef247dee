/**
 * Byline's reader-visibility rule as the benchmark applies it in its ground truth and dataset figures: imported from
 * src/modules/articles/article.visibility.ts, never a copy of it.
 */
import { visibleArticleSql } from "../../src/modules/articles/article.visibility";
import { Viewer } from "../../src/modules/auth/viewer";
import { fail } from "./fail";
import { queries } from "./query-file";

// Until commit 1377f5c the rule was status = 'PUBLISHED' only; the reference seed has no SCHEDULED article whose time
// has come, so both agree on it.
/** The SQL predicate "an anonymous reader may see the article aliased `alias`". */
export const visibleToReaders = (alias: string): string => visibleArticleSql(alias, Viewer.anonymous);

/**
 * bench/byline.js is plain JavaScript for the shared harness and cannot import the rule, so its slugsSql spells the
 * predicate out: refuse to run when that text is no longer Byline's rule.
 */
export function assertQueryFileVisibility(): void {
  if (!queries.slugsSql.includes(visibleToReaders("a")))
    fail("bench/byline.js slugsSql does not use Byline's visibility rule");
}

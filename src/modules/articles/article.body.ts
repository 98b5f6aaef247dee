import { renderMarkdown } from "./markdown";

/** Average adult silent reading speed, words per minute. */
export const WORDS_PER_MINUTE = 230;

/** A body with the columns stored beside it, derived from it on every save. */
export interface BodyFields {
  body: string;
  /** The body rendered to sanitized HTML. */
  bodyHtml: string;
  wordCount: number;
}

/**
 * The body and the columns derived from it, as they are stored together. Every writer of articles (the editor
 * service, the demo seed, the tests' factories) stores this; nothing else renders or counts a body.
 */
export function deriveBodyFields(body: string): BodyFields {
  return { body, bodyHtml: renderMarkdown(body), wordCount: countWords(body) };
}

/** Counts the words of a Markdown body, ignoring markup. */
export function countWords(markdown: string): number {
  const text = markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[#>*_`~|-]+/g, " ");
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Estimated reading time of so many words, in whole minutes (at least 1). The same rule in SQL: readingTimeSql. */
export function readingTimeFor(wordCount: number): number {
  return Math.max(1, Math.ceil(wordCount / WORDS_PER_MINUTE));
}

/** {@link readingTimeFor} of an SQL integer expression, as an integer (for answers PostgreSQL writes). */
export const readingTimeSql = (wordCount: string): string =>
  `greatest(1, ceil(${wordCount}::numeric / ${WORDS_PER_MINUTE}))::int`;

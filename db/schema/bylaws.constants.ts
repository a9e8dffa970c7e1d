// Enum-like lists of the bylaws schema: plain data, safe to import in browser code (no drizzle).

/**
 * A draft bylaw's life: written by the clerks, open for consultation, closed with its report (and so
 * awaiting the council), decided by the council.
 */
export const BYLAW_STATES = ["draft", "open", "closed", "decided"] as const;
export type BylawState = (typeof BYLAW_STATES)[number];

/** What an amendment proposes for its article: new text, a new article after it, or taking it out. */
export const AMENDMENT_TYPES = ["replace", "insert-after", "delete"] as const;
export type AmendmentType = (typeof AMENDMENT_TYPES)[number];

/**
 * An amendment's fate: waiting for the clerks, accepted (waits to be merged), merged into a version,
 * rejected (with the reason its author is told) or considered (kept for the council's report).
 */
export const AMENDMENT_STATES = ["open", "accepted", "merged", "rejected", "considered"] as const;
export type AmendmentState = (typeof AMENDMENT_STATES)[number];

/** One article of a version as it is kept: the stable article it is, its heading and its text (markdown, leden as numbered lines). */
export interface VersionArticle {
  articleId: number;
  heading: string;
  body: string;
}

// Turning a markdown text (typed in, or an uploaded file) into a draft bylaw: the title, the
// introduction before the first article, and the articles in order. Pure, client-safe.
//
// The headings of the shallowest level below the title are the articles ("## Artikel 1. Begrippen",
// "## Terrassen"); a leading "Artikel <n>" is dropped, because articles are numbered by their place
// and renumbered when one is added or deleted. Everything under an article heading, deeper
// headings and numbered leden ("1. ...") included, is its text as written.

export const IMPORT_MAX_BYTES = 200 * 1024;
export const ARTICLES_MAX = 200;
export const ARTICLE_HEADING_MAX = 200;
export const ARTICLE_BODY_MAX = 20_000;
export const INTRODUCTION_MAX = 20_000;

export interface ImportedArticle {
  heading: string;
  body: string;
}

export interface ImportedBylaw {
  title: string | null;
  introduction: string;
  articles: ImportedArticle[];
}

export type ImportRefusal =
  | { reason: "no-articles" }
  | { reason: "too-many-articles"; max: number }
  | { reason: "empty-article"; article: number }
  | { reason: "heading-too-long"; article: number; max: number }
  | { reason: "article-too-long"; article: number; max: number }
  | { reason: "introduction-too-long"; max: number };

const HEADING = /^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const FENCE = /^(```|~~~)/;
const ARTICLE_PREFIX = /^artikel\s+[0-9]+[a-z]?\s*[.:–—-]?\s*/i;

/** The heading of an article without its number: "Artikel 3. Terrassen" is "Terrassen"; only a number stays as typed. */
export function articleHeading(text: string): string {
  const stripped = text.replace(ARTICLE_PREFIX, "").trim();
  return stripped === "" ? text.trim() : stripped;
}

/** "Artikel 3": what an article is called at its place (1-based). */
export const articleNumber = (index: number): number => index + 1;

interface Line {
  text: string;
  level: number | null;
  heading: string;
}

function lines(markdown: string): Line[] {
  let fenced = false;
  return markdown
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((text) => {
      if (FENCE.test(text.trim())) fenced = !fenced;
      const m = fenced ? null : HEADING.exec(text);
      return m ? { text, level: m[1]!.length, heading: m[2]!.trim() } : { text, level: null, heading: "" };
    });
}

/** The lines of a block without the blank lines around it (indentation inside kept: it may be a list). */
const trimBlock = (rows: string[]): string => rows.join("\n").replace(/^(?:[ \t]*\n)+/, "").trimEnd();

/** Parses a draft bylaw's markdown; refuses a text without articles, with an empty one, or too large to consult on. */
export function importBylaw(markdown: string): { ok: true; bylaw: ImportedBylaw } | ({ ok: false } & ImportRefusal) {
  const all = lines(markdown);
  let title: string | null = null;
  let rest = all;
  const firstHeading = all.findIndex((l) => l.level !== null);
  // A single top-level heading that opens the text is the title, when the articles sit below it.
  if (firstHeading >= 0 && all[firstHeading]!.level === 1 && all.filter((l) => l.level === 1).length === 1 && all.some((l) => l.level !== null && l.level > 1)) {
    title = all[firstHeading]!.heading || null;
    rest = [...all.slice(0, firstHeading), ...all.slice(firstHeading + 1)];
  }
  const levels = rest.filter((l) => l.level !== null).map((l) => l.level!);
  if (levels.length === 0) return { ok: false, reason: "no-articles" };
  const articleLevel = Math.min(...levels);

  const intro: string[] = [];
  const articles: Array<{ heading: string; rows: string[] }> = [];
  for (const line of rest) {
    if (line.level === articleLevel) articles.push({ heading: articleHeading(line.heading), rows: [] });
    else if (articles.length === 0) intro.push(line.text);
    else articles.at(-1)!.rows.push(line.text);
  }
  if (articles.length > ARTICLES_MAX) return { ok: false, reason: "too-many-articles", max: ARTICLES_MAX };
  const introduction = trimBlock(intro);
  if (introduction.length > INTRODUCTION_MAX) return { ok: false, reason: "introduction-too-long", max: INTRODUCTION_MAX };
  const out: ImportedArticle[] = [];
  for (const [i, a] of articles.entries()) {
    const body = trimBlock(a.rows);
    if (body === "") return { ok: false, reason: "empty-article", article: articleNumber(i) };
    if (a.heading.length > ARTICLE_HEADING_MAX) return { ok: false, reason: "heading-too-long", article: articleNumber(i), max: ARTICLE_HEADING_MAX };
    if (body.length > ARTICLE_BODY_MAX) return { ok: false, reason: "article-too-long", article: articleNumber(i), max: ARTICLE_BODY_MAX };
    out.push({ heading: a.heading, body });
  }
  return { ok: true, bylaw: { title, introduction, articles: out } };
}

export type UploadRefusal = { reason: "not-text" } | { reason: "too-large"; maxKb: number } | { reason: "wrong-type" };

const ACCEPTED_TYPES = new Set(["", "text/markdown", "text/x-markdown", "text/plain", "application/octet-stream"]);
const ACCEPTED_NAMES = /\.(md|markdown|txt)$/i;

/**
 * Whether an uploaded file may be read as the draft's markdown: a .md, .markdown or .txt file of
 * UTF-8 text, at most IMPORT_MAX_BYTES. Returns the text.
 */
export function readUpload(file: { name: string; type: string; bytes: Uint8Array }): { ok: true; text: string } | ({ ok: false } & UploadRefusal) {
  if (!ACCEPTED_NAMES.test(file.name) || !ACCEPTED_TYPES.has(file.type.split(";")[0]!.trim().toLowerCase())) return { ok: false, reason: "wrong-type" };
  if (file.bytes.byteLength > IMPORT_MAX_BYTES) return { ok: false, reason: "too-large", maxKb: IMPORT_MAX_BYTES / 1024 };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(file.bytes);
  } catch {
    return { ok: false, reason: "not-text" };
  }
  // A NUL or other control character (tabs and line ends aside) says it is not a text file.
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text)) return { ok: false, reason: "not-text" };
  return { ok: true, text };
}

// How a notice reads, in the inbox, in its own email and in the daily digest: ONE place that turns
// the params a notice was stored with (raw counts, ISO dates, markdown text typed by a clerk) into
// text for a locale. Pure: the inbox page imports it in the browser too.
import { formatDate, formatNumber, type Locale, type MessageParams, type Translate } from "~/i18n/translate";
import { isolate } from "~/utils/text";

/** Longest text a param may show in a one-line notice; longer text is cut at a word with "…". */
export const NOTICE_PARAM_MAX = 140;
/** Longest topic title in an email subject. */
export const SUBJECT_TITLE_MAX = 80;

export interface NoticeOptions {
  /** Wrap names and titles in FSI/PDI (the text form of <bdi>), for a line shown on a page. */
  isolate?: boolean;
}

/** Params that are not shown in the text (the notice's link, ids). */
const HIDDEN = new Set(["link", "commentId"]);
/** Params that are plain text by nature (names, titles): not read as markdown. */
const PLAIN = new Set(["title", "name", "until"]);

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Cuts text to at most `max` characters, at a word boundary where there is one, ending in "…". */
export function shorten(text: string, max = NOTICE_PARAM_MAX): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s.,;:!?–-]+$/, "")}…`;
}

/** Markdown (as clerks and residents type it) as one line of plain text: no markers, links as their text. */
export function markdownToPlain(markdown: string): string {
  // Escaped characters ("\*") are set aside as private-use characters, so no rule takes them for markup.
  const PRIVATE = 0xe000;
  return markdown
    .replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, (_, c: string) => String.fromCharCode(PRIVATE + c.charCodeAt(0)))
    .replace(/```[^\n]*\n?/g, "") // code fences
    .replace(/<\/?[a-zA-Z][^>]*>/g, "") // inline HTML
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1") // images: their alt text
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1") // links: their text
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1") // reference links
    .replace(/^ {0,3}\[[^\]]+\]:\s*\S+.*$/gm, "") // link definitions
    .replace(/^ {0,3}#{1,6}\s+/gm, "") // headings
    .replace(/^ {0,3}(?:[-*_] *){3,}$/gm, "") // rules
    .replace(/^ {0,3}>\s?/gm, "") // quotes
    .replace(/^ {0,3}(?:[-*+]|\d{1,9}[.)])\s+/gm, "") // list markers
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, "$2") // strong
    .replace(/(^|[^\w*])([*_])(?=\S)([\s\S]*?\S)\2(?![\w*])/g, "$1$3") // emphasis
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, "$1") // strikethrough
    .replace(/`([^`]+)`/g, "$1") // inline code
    .replace(/[\ue000-\ue07f]/g, (c) => String.fromCharCode(c.charCodeAt(0) - PRIVATE))
    .replace(/\s+/g, " ")
    .trim();
}

/** An ISO day ("2026-11-18") or moment ("2026-11-18T19:30:00.000Z") as a localised date; null for anything else. */
export function localisedDate(locale: Locale, value: string): string | null {
  const day = ISO_DAY.exec(value);
  if (day) {
    // Noon UTC is the same calendar day in Amsterdam, whatever the season.
    const at = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 12));
    return Number.isNaN(at.getTime()) ? null : formatDate(locale, at);
  }
  if (ISO_MOMENT.test(value)) {
    const at = new Date(value);
    return Number.isNaN(at.getTime()) ? null : formatDate(locale, at, "datetime");
  }
  return null;
}

/**
 * A notice's params as they read in a locale: numbers with separators ("30.000" / "30,000"),
 * ISO dates as localised dates, text without markdown and cut to NOTICE_PARAM_MAX characters,
 * the empty name of a deleted account as "deleted participant". The link and ids stay as they are.
 */
export function formatNoticeParams(t: Translate, data: Record<string, unknown> | null | undefined, options: NoticeOptions = {}): MessageParams {
  const locale = t.locale;
  const out: MessageParams = {};
  for (const [name, value] of Object.entries(data ?? {})) {
    if (HIDDEN.has(name)) {
      if (typeof value === "string" || typeof value === "number") out[name] = value;
    } else if (typeof value === "number") {
      out[name] = formatNumber(locale, value);
    } else if (typeof value === "string") {
      if (name === "name" && value === "") out[name] = t("topic.deletedParticipant");
      else if (PLAIN.has(name) && !ISO_DAY.test(value) && !ISO_MOMENT.test(value)) {
        const text = shorten(value.replace(/\s+/g, " ").trim());
        out[name] = options.isolate ? isolate(text) : text;
      } else out[name] = localisedDate(locale, value) ?? shorten(markdownToPlain(value));
    } else if (value !== null && value !== undefined) {
      out[name] = shorten(String(value));
    }
  }
  return out;
}

/** The one line a notice reads as, in a locale (an unknown type shows as itself). */
export function noticeText(t: Translate, type: string, data: Record<string, unknown> | null | undefined, options: NoticeOptions = {}): string {
  return t.has(type) ? t(type, formatNoticeParams(t, data, options)) : type;
}

/** Params that carry free text (a conclusion, a note, a reason): a subject never repeats them. */
const LONG_TEXT = /\{(conclusion|description|note|reason|text|body)\}/;
/** Longest email subject. */
export const SUBJECT_MAX = 150;

/**
 * The subject of a notice's own email: one short line in the person's language, never the free
 * text a notice carries. The message `<type>.subject` when the catalog has one; else the notice's
 * line up to its free text, without the label before it ("De discussie ‘X’ is gesloten. Conclusie:
 * {conclusion}" gives "De discussie ‘X’ is gesloten"); else "Nieuws over ‘<topic title>’". The
 * title is cut to SUBJECT_TITLE_MAX characters, the subject to SUBJECT_MAX.
 */
export function noticeSubject(t: Translate, type: string, data: Record<string, unknown> | null | undefined): string {
  if (!t.has(type)) return shorten(type, SUBJECT_MAX);
  const params = formatNoticeParams(t, data);
  if (typeof params.title === "string") params.title = shorten(params.title, SUBJECT_TITLE_MAX);
  const own = `${type}.subject`;
  if (t.has(own)) return shorten(t(own, params), SUBJECT_MAX);
  const template = t(type);
  const free = LONG_TEXT.exec(template);
  if (!free) return shorten(t(type, params), SUBJECT_MAX);
  let head = template.slice(0, free.index).trim();
  if (head.endsWith(":")) {
    head = head.slice(0, -1);
    // A one-word label after the last sentence ("Reden", "Conclusion") goes with its colon.
    const sentence = Math.max(head.lastIndexOf(". "), head.lastIndexOf("; "));
    if (sentence >= 0 && /^\p{L}+$/u.test(head.slice(sentence + 2))) head = head.slice(0, sentence + 1);
  }
  head = head.replace(/[\s.:;,]+$/, "");
  if (!head || head.includes(", plural,")) {
    return shorten(t(typeof params.title === "string" ? "notification.email.subject" : "notification.email.subjectPlain", params), SUBJECT_MAX);
  }
  return shorten(head.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match)), SUBJECT_MAX);
}

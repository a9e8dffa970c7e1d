import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

const marked = new Marked({ gfm: true, breaks: false, async: false });

const BASE: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li",
    "h2", "h3", "h4", "h5", "h6", "a", "hr", "table", "thead", "tbody", "tr", "th", "td",
  ],
  allowedAttributes: { a: ["href", "title", "rel"], th: ["align"], td: ["align"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
};

const LINKS = { a: sanitizeHtml.simpleTransform("a", { rel: "nofollow ugc noopener" }) };

/**
 * Headings move down so the text's own outline starts at `top`: with 3, "#" is a level 3 heading,
 * "##" level 4, and so on (at most 6), never as large as the page's title (1) or its sections (2).
 */
function headingsFrom(top: number): Record<string, string> {
  return Object.fromEntries([1, 2, 3, 4, 5, 6].map((level) => [`h${level}`, `h${Math.min(6, level + top - 1)}`]));
}

/** Text typed by residents and clerks: its headings sit below the page's sections (level 3 and down). */
const USER_TEXT: sanitizeHtml.IOptions = { ...BASE, transformTags: { ...headingsFrom(3), ...LINKS } };
/** A page's own text (the privacy and accessibility statements): its "##" sections are the page's level 2. */
const PAGE_TEXT: sanitizeHtml.IOptions = { ...BASE, transformTags: { h1: "h2", ...LINKS } };

/**
 * Renders user markdown to HTML that is safe to put on a page: raw HTML never survives. Text the
 * parser cannot take (thousands of nested list or quote markers exhaust its recursion) is shown
 * as plain paragraphs instead of failing the page.
 */
export function renderMarkdown(markdown: string, kind: "user" | "page" = "user"): string {
  let html: string;
  try {
    html = marked.parse(markdown, { async: false }) as string;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    html = plainParagraphs(markdown);
  }
  return sanitizeHtml(html, kind === "page" ? PAGE_TEXT : USER_TEXT);
}

function plainParagraphs(text: string): string {
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  return text
    .split(/\n\s*\n/)
    .filter((block) => block.trim())
    .map((block) => `<p>${escape(block.trim())}</p>`)
    .join("\n");
}

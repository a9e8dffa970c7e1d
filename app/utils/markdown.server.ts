import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

const marked = new Marked({ gfm: true, breaks: false, async: false });

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li",
    "h2", "h3", "h4", "a", "hr", "table", "thead", "tbody", "tr", "th", "td",
  ],
  allowedAttributes: { a: ["href", "title", "rel"], th: ["align"], td: ["align"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  // A heading level 1 belongs to the page: user text starts at level 2.
  transformTags: {
    h1: "h2",
    a: sanitizeHtml.simpleTransform("a", { rel: "nofollow ugc noopener" }),
  },
};

/**
 * Renders user markdown to HTML that is safe to put on a page: raw HTML never survives. Text the
 * parser cannot take (thousands of nested list or quote markers exhaust its recursion) is shown
 * as plain paragraphs instead of failing the page.
 */
export function renderMarkdown(markdown: string): string {
  let html: string;
  try {
    html = marked.parse(markdown, { async: false }) as string;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    html = plainParagraphs(markdown);
  }
  return sanitizeHtml(html, ALLOWED);
}

function plainParagraphs(text: string): string {
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  return text
    .split(/\n\s*\n/)
    .filter((block) => block.trim())
    .map((block) => `<p>${escape(block.trim())}</p>`)
    .join("\n");
}

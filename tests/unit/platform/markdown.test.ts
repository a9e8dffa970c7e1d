import { describe, expect, it } from "vitest";
import { renderMarkdown } from "~/utils/markdown.server";

describe("user markdown", () => {
  it("renders ordinary markdown", () => {
    expect(renderMarkdown("**vet** en [link](https://example.org)")).toContain("<strong>vet</strong>");
  });

  it.each([
    ["<script>alert(1)</script>", "<script"],
    ['<img src=x onerror="alert(1)">', "onerror"],
    ["[klik](javascript:alert(1))", "javascript:"],
    ['<a href="https://x" onclick="alert(1)">x</a>', "onclick"],
    ["<iframe src='https://evil.example'></iframe>", "<iframe"],
    ["<style>body{display:none}</style>", "<style"],
  ])("never lets %s through", (input, forbidden) => {
    expect(renderMarkdown(input).toLowerCase()).not.toContain(forbidden);
  });

  it("puts a user's headings below the page's title and sections (level 3 and down), keeping their order", () => {
    expect(renderMarkdown("# Titel").trim()).toBe("<h3>Titel</h3>");
    expect(renderMarkdown("## Kop").trim()).toBe("<h4>Kop</h4>");
    expect(renderMarkdown("###### Klein").trim()).toBe("<h6>Klein</h6>");
    expect(renderMarkdown("# A\n\n## B\n\n### C").match(/<h\d/g)).toEqual(["<h3", "<h4", "<h5"]);
  });

  it("keeps a page's own text (the statements) at the page's section level", () => {
    expect(renderMarkdown("## Uw rechten", "page").trim()).toBe("<h2>Uw rechten</h2>");
    expect(renderMarkdown("# Titel", "page").trim()).toBe("<h2>Titel</h2>");
  });

  it("marks links as user content", () => {
    expect(renderMarkdown("[a](https://example.org)")).toContain('rel="nofollow ugc noopener"');
  });

  it.each([
    ["nested list markers", "- ".repeat(2000) + "x"],
    ["nested quote markers", "> ".repeat(2500) + "x <script>alert(1)</script>"],
  ])("shows text the parser cannot take (%s) as plain, escaped paragraphs instead of failing", (_name, input) => {
    const html = renderMarkdown(input);
    expect(html.startsWith("<p>")).toBe(true);
    expect(html).toContain("x");
    expect(html.toLowerCase()).not.toContain("<script");
  });
});

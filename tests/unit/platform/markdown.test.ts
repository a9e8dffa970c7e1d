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

  it("demotes a level-1 heading, which belongs to the page", () => {
    expect(renderMarkdown("# Titel").trim()).toBe("<h2>Titel</h2>");
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

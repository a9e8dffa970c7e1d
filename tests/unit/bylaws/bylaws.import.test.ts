import { describe, expect, it } from "vitest";
import { ARTICLES_MAX, IMPORT_MAX_BYTES, importBylaw, readUpload } from "~/modules/bylaws/bylaws.import";

describe("importing a draft bylaw from markdown", () => {
  it("takes the single top-level heading as the title, the text before the first article as the introduction, and each heading below as an article in order", () => {
    const result = importBylaw("# Terrasverordening\n\nInleiding over terrassen.\n\n## Artikel 1. Begrippen\n\nTekst een.\n\n## Artikel 2 – Vergunning\n\nTekst twee.\n");
    expect(result).toEqual({
      ok: true,
      bylaw: { title: "Terrasverordening", introduction: "Inleiding over terrassen.", articles: [{ heading: "Begrippen", body: "Tekst een." }, { heading: "Vergunning", body: "Tekst twee." }] },
    });
  });

  it("keeps numbered leden and deeper headings inside their article, as written", () => {
    const result = importBylaw("## Artikel 1. Vergunning\n\n1. Het is verboden.\n2. De vergunning geldt vijf jaar.\n\n### Toelichting\n\nUitleg.\n\n## Artikel 2. Slot\n\nEinde.");
    expect(result.ok && result.bylaw.articles[0]).toEqual({ heading: "Vergunning", body: "1. Het is verboden.\n2. De vergunning geldt vijf jaar.\n\n### Toelichting\n\nUitleg." });
    expect(result.ok && result.bylaw.articles).toHaveLength(2);
  });

  it("uses the shallowest heading level as articles when there is no title, whatever its level", () => {
    const result = importBylaw("### Eerste\n\nA\n\n#### Onder\n\nB\n\n### Tweede\n\nC");
    expect(result.ok && result.bylaw.title).toBeNull();
    expect(result.ok && result.bylaw.articles.map((a) => a.heading)).toEqual(["Eerste", "Tweede"]);
  });

  it("reads odd input: a byte order mark, Windows line ends, closing hashes, headings inside a code block left alone", () => {
    const result = importBylaw("\uFEFF## Artikel 1 ##\r\n\r\nTekst\r\n```\r\n## geen kop\r\n```\r\n## Artikel 2. Twee\r\nMeer");
    expect(result.ok && result.bylaw.articles).toEqual([
      // Only a number: kept as typed, so the article is not nameless.
      { heading: "Artikel 1", body: "Tekst\n```\n## geen kop\n```" },
      { heading: "Twee", body: "Meer" },
    ]);
  });

  it("keeps nested leden (sub-items under a numbered lid, indented or lettered) in their article, indentation and all", () => {
    const body = "1. In deze verordening wordt verstaan onder:\n   a. terras: een plek om te zitten;\n   b. gevel: de voorkant;\n      - ook een zijgevel aan de straat.\n2. Het college kan regels stellen.";
    const result = importBylaw(`# Verordening\n\n## Artikel 1. Begrippen\n\n${body}\n\n## Artikel 2. Slot\n\nEinde.`);
    expect(result.ok && result.bylaw.articles[0]).toEqual({ heading: "Begrippen", body });
  });

  it("reads more odd input: '#' without a space is text, tabs and trailing spaces around a heading, an article number with a letter, an indented heading is text", () => {
    const result = importBylaw("#geen kop\n\n##\tArtikel 3a: Terrassen \t\n\nTekst.\n    ## ook geen kop\n\n## Artikel 4 — Slot\nEinde.");
    expect(result.ok && result.bylaw.introduction).toBe("#geen kop");
    expect(result.ok && result.bylaw.articles).toEqual([
      { heading: "Terrassen", body: "Tekst.\n    ## ook geen kop" },
      { heading: "Slot", body: "Einde." },
    ]);
  });

  it("takes a lone top-level heading with only text below it as the one article, not as a title", () => {
    const result = importBylaw("# Enig artikel\n\nDe hele regeling.");
    expect(result.ok && result.bylaw).toEqual({ title: null, introduction: "", articles: [{ heading: "Enig artikel", body: "De hele regeling." }] });
  });

  it("refuses a text without any heading, and names an article without text", () => {
    expect(importBylaw("Alleen wat tekst zonder koppen.")).toEqual({ ok: false, reason: "no-articles" });
    expect(importBylaw("")).toEqual({ ok: false, reason: "no-articles" });
    expect(importBylaw("## Een\n\nTekst\n\n## Twee\n\n   \n\n## Drie\n\nTekst")).toEqual({ ok: false, reason: "empty-article", article: 2 });
  });

  it("refuses more articles than a consultation can take", () => {
    const many = Array.from({ length: ARTICLES_MAX + 1 }, (_, i) => `## Artikel ${i + 1}\n\nTekst ${i}`).join("\n\n");
    expect(importBylaw(many)).toEqual({ ok: false, reason: "too-many-articles", max: ARTICLES_MAX });
  });
});

describe("reading an uploaded file", () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it("reads a markdown or text file as UTF-8", () => {
    expect(readUpload({ name: "concept.md", type: "text/markdown", bytes: bytes("## Één\n\nTekst") })).toEqual({ ok: true, text: "## Één\n\nTekst" });
    expect(readUpload({ name: "concept.TXT", type: "text/plain; charset=utf-8", bytes: bytes("x") }).ok).toBe(true);
  });
  it("refuses another type, a binary file, bytes that are not UTF-8 and a file too large", () => {
    expect(readUpload({ name: "concept.pdf", type: "application/pdf", bytes: bytes("%PDF") })).toEqual({ ok: false, reason: "wrong-type" });
    expect(readUpload({ name: "concept.md", type: "image/png", bytes: bytes("x") })).toEqual({ ok: false, reason: "wrong-type" });
    expect(readUpload({ name: "concept.md", type: "text/markdown", bytes: new Uint8Array([0x23, 0x00, 0x01]) })).toEqual({ ok: false, reason: "not-text" });
    expect(readUpload({ name: "concept.md", type: "text/markdown", bytes: new Uint8Array([0xff, 0xfe, 0x41]) })).toEqual({ ok: false, reason: "not-text" });
    expect(readUpload({ name: "concept.md", type: "text/markdown", bytes: new Uint8Array(IMPORT_MAX_BYTES + 1).fill(65) })).toEqual({ ok: false, reason: "too-large", maxKb: 200 });
  });
});

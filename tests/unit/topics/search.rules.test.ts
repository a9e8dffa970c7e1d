import { describe, expect, it } from "vitest";
import { markedExcerpt, searchTerms } from "~/modules/topics/search.rules";

describe("the excerpt of a search result", () => {
  it("marks a term inside a compound word, whatever its case or accents", () => {
    expect(markedExcerpt("Een losloopgebied in het Oosterpark.", ["park"])).toBe("Een losloopgebied in het Ooster[[park]].");
    expect(markedExcerpt("Betere STRAATVERLICHTING langs het kanaal", ["licht"])).toBe("Betere STRAATVER[[LICHT]]ING langs het kanaal");
    expect(markedExcerpt("Een nieuwe speeltuïn", ["speeltuin"])).toBe("Een nieuwe [[speeltuïn]]");
  });

  it("marks every occurrence of every term in the excerpt", () => {
    expect(markedExcerpt("Bomen langs de weg, meer bomen", ["bomen", "langs"])).toBe("[[Bomen]] [[langs]] de weg, meer [[bomen]]");
  });

  it("cuts long text around the first match at spaces, saying where text was left out", () => {
    const text = `${"voor ".repeat(40)}het Stadspark${" na".repeat(60)}`;
    const excerpt = markedExcerpt(text, ["park"], 60);
    expect(excerpt.startsWith(" … voor")).toBe(true);
    expect(excerpt).toContain("Stads[[park]]");
    expect(excerpt.endsWith(" … ")).toBe(true);
    expect(excerpt.length).toBeLessThan(80);
  });

  it("is empty when no term occurs", () => {
    expect(markedExcerpt("Niets hier", ["park"])).toBe("");
  });
});

describe("search terms", () => {
  it("keeps letters and digits only, at most twelve", () => {
    expect(searchTerms('zebra" OR "x*')).toEqual(["zebra", "OR", "x"]);
    expect(searchTerms("a b c d e f g h i j k l m n")).toHaveLength(12);
  });
});

import { describe, expect, it } from "vitest";
import { compareVersions, consolidate, mergeArticle, wordDiff } from "~/modules/bylaws/bylaws.diff";

const text = (segments: ReturnType<typeof wordDiff>, op: "ins" | "del") => segments.filter((s) => s.op === op).map((s) => s.text.trim());

describe("word diffs of an article", () => {
  it("marks inserted and deleted words, keeping the words both have", () => {
    const diff = wordDiff("Een terras laat anderhalve meter vrij.", "Een terras laat ten minste twee meter vrij.");
    expect(text(diff, "del")).toEqual(["anderhalve"]);
    expect(text(diff, "ins")).toEqual(["ten minste twee"]);
    expect(diff.map((s) => (s.op === "del" ? "" : s.text)).join("")).toBe("Een terras laat ten minste twee meter vrij.");
  });
  it("shows no change where only whitespace changed (a re-wrapped line)", () => {
    expect(wordDiff("Een terras\nlaat  ruimte.", "Een terras laat ruimte.").every((s) => s.op === "same")).toBe(true);
  });
  it("shows moved text as deleted where it was and inserted where it went", () => {
    const diff = wordDiff("alpha beta gamma delta", "beta gamma delta alpha");
    expect(text(diff, "del")).toEqual(["alpha"]);
    expect(text(diff, "ins")).toEqual(["alpha"]);
  });
});

describe("merging accepted amendments on one article", () => {
  const base = "Een terras is open van 10.00 uur tot 23.00 uur.";
  it("applies amendments that change different words, all of them", () => {
    const merged = mergeArticle(base, [
      { id: 1, type: "replace", heading: "", text: "Een terras is open van 9.00 uur tot 23.00 uur." },
      { id: 2, type: "replace", heading: "", text: "Een terras is open van 10.00 uur tot 22.00 uur." },
    ]);
    expect(merged).toEqual({ state: "merged", text: "Een terras is open van 9.00 uur tot 22.00 uur.", amendmentIds: [1, 2] });
  });
  it("shows a conflict, and keeps the text as it was, when two amendments change the same words", () => {
    const merged = mergeArticle(base, [
      { id: 4, type: "replace", heading: "", text: "Een terras is open van 10.00 uur tot 22.00 uur." },
      { id: 3, type: "replace", heading: "", text: "Een terras is open van 10.00 uur tot 00.00 uur." },
    ]);
    expect(merged).toEqual({ state: "conflict", text: base, amendmentIds: [3, 4], pairs: [[3, 4]] });
  });
  it("treats the same change proposed twice as one change, not a conflict", () => {
    const same = "Een terras is open van 10.00 uur tot 22.00 uur.";
    expect(mergeArticle(base, [{ id: 1, type: "replace", heading: "", text: same }, { id: 2, type: "replace", heading: "", text: same }])).toEqual({ state: "merged", text: same, amendmentIds: [1, 2] });
  });
  it("takes the article out for a deletion alone, and calls a deletion beside a new text a conflict", () => {
    expect(mergeArticle(base, [{ id: 5, type: "delete", heading: "", text: "" }])).toEqual({ state: "deleted", amendmentIds: [5] });
    expect(mergeArticle(base, [{ id: 5, type: "delete", heading: "", text: "" }, { id: 6, type: "replace", heading: "", text: "Anders." }]).state).toBe("conflict");
  });
  it("leaves an article without accepted amendments as it is", () => {
    expect(mergeArticle(base, [])).toEqual({ state: "unchanged", text: base });
  });
});

describe("the proposed next version", () => {
  it("puts new articles after the one they follow, in the order they were proposed, and merges the rest", () => {
    const proposed = consolidate(
      [{ articleId: 10, heading: "Een", body: "Tekst een." }, { articleId: 11, heading: "Twee", body: "Tekst twee." }],
      [
        { id: 8, articleId: 10, type: "insert-after", heading: "Later", text: "Tweede nieuw." },
        { id: 7, articleId: 10, type: "insert-after", heading: "Eerder", text: "Eerste nieuw." },
        { id: 9, articleId: 11, type: "replace", heading: "", text: "Tekst twee, gewijzigd." },
      ],
    );
    expect(proposed.map((p) => p.key)).toEqual(["10", "new-7", "new-8", "11"]);
    expect(proposed[3]!.merge).toMatchObject({ state: "merged", text: "Tekst twee, gewijzigd." });
    expect(proposed[0]!.merge.state).toBe("unchanged");
  });
});

describe("comparing two versions", () => {
  const v1 = [
    { articleId: 1, heading: "Begrippen", body: "A is a." },
    { articleId: 2, heading: "Reclame", body: "Geen reclame." },
    { articleId: 3, heading: "Slot", body: "Treedt in werking." },
  ];
  const v2 = [
    { articleId: 1, heading: "Begrippen", body: "A is  a." },
    { articleId: 4, heading: "Rookvrij", body: "De helft is rookvrij." },
    { articleId: 3, heading: "Slot", body: "Treedt later in werking." },
  ];
  it("matches articles by identity: renumbered is still itself, a deleted one where it was, a new one where it is", () => {
    const rows = compareVersions(v1, v2);
    expect(rows.map((r) => [r.articleId, r.change, r.numberFrom, r.numberTo])).toEqual([
      [1, "same", 1, 1],
      [2, "removed", 2, null],
      [4, "added", null, 2],
      [3, "changed", 3, 3],
    ]);
    expect(rows[3]!.body.filter((s) => s.op === "ins").map((s) => s.text.trim())).toEqual(["later"]);
  });
});

describe("comparing two versions: what counts as a change", () => {
  it("calls an article whose text was only re-wrapped or re-spaced the same, and shows no marks in it", () => {
    const rows = compareVersions(
      [{ articleId: 1, heading: "Geluid", body: "Op een terras wordt geen\nversterkte muziek gespeeld." }],
      [{ articleId: 1, heading: "Geluid ", body: "Op een terras wordt geen versterkte   muziek\tgespeeld.\n" }],
    );
    expect(rows).toEqual([expect.objectContaining({ change: "same", body: [{ op: "same", text: "Op een terras wordt geen versterkte   muziek\tgespeeld.\n" }] })]);
  });

  it("shows a sentence moved within an article as deleted where it was and inserted where it went, and keeps the rest", () => {
    const rows = compareVersions(
      [{ articleId: 1, heading: "Tijden", body: "Open vanaf tien uur. Dicht om elf uur. Zondag gesloten." }],
      [{ articleId: 1, heading: "Tijden", body: "Zondag gesloten. Open vanaf tien uur. Dicht om elf uur." }],
    );
    expect(rows[0]!.change).toBe("changed");
    const ins = rows[0]!.body.filter((s) => s.op === "ins").map((s) => s.text).join("");
    const del = rows[0]!.body.filter((s) => s.op === "del").map((s) => s.text).join("");
    expect(ins).toContain("Zondag gesloten.");
    expect(del).toContain("Zondag gesloten.");
    // Read without the deletions, it is the new text; without the insertions, the old one.
    expect(rows[0]!.body.filter((s) => s.op !== "del").map((s) => s.text).join("")).toBe("Zondag gesloten. Open vanaf tien uur. Dicht om elf uur.");
    expect(rows[0]!.body.filter((s) => s.op !== "ins").map((s) => s.text).join("")).toBe("Open vanaf tien uur. Dicht om elf uur. Zondag gesloten.");
  });

  it("marks inserted and deleted words in a changed heading as in its text", () => {
    const rows = compareVersions([{ articleId: 1, heading: "Openingstijden", body: "Tekst." }], [{ articleId: 1, heading: "Openingstijden van terrassen", body: "Tekst." }]);
    expect(rows[0]!.change).toBe("changed");
    expect(rows[0]!.heading.map((s) => [s.op, s.text.trim()])).toEqual([["same", "Openingstijden"], ["ins", "van terrassen"]]);
  });
});

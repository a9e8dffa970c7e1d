import { describe, expect, it } from "vitest";
import { amendmentContent, amendmentTransition, articlesInReadingOrder, consultationOpen, councilTransition, takesStances, transition, type BylawMove } from "~/modules/bylaws/bylaws.rules";

const now = new Date("2027-01-10T12:00:00Z");
const later = new Date("2027-02-01T00:00:00Z");
const earlier = new Date("2027-01-01T00:00:00Z");

describe("the lifecycle of a draft bylaw", () => {
  const cases: Array<[string, { status: string; closesAt: Date | null }, BylawMove, number, string]> = [
    ["a draft with a window in the future is published", { status: "draft", closesAt: later }, "publish", 0, "open"],
    ["a draft whose window already ended is not", { status: "draft", closesAt: earlier }, "publish", 0, "window-in-past"],
    ["a draft without a window is not", { status: "draft", closesAt: null }, "publish", 0, "window-in-past"],
    ["an open consultation is not published again", { status: "open", closesAt: later }, "publish", 0, "not-draft"],
    ["an open consultation takes a new version", { status: "open", closesAt: later }, "publish-version", 0, "open"],
    ["a closed one takes no new version", { status: "closed", closesAt: earlier }, "publish-version", 0, "not-open"],
    ["a draft takes no new version", { status: "draft", closesAt: later }, "publish-version", 0, "not-open"],
    ["an open consultation with every amendment decided closes", { status: "open", closesAt: earlier }, "close", 0, "closed"],
    ["an open consultation with amendments waiting does not close", { status: "open", closesAt: earlier }, "close", 2, "undecided-amendments"],
    ["a draft does not close", { status: "draft", closesAt: later }, "close", 0, "not-open"],
    ["a closed one does not close again", { status: "closed", closesAt: earlier }, "close", 0, "not-open"],
    ["an unknown status moves nowhere", { status: "archived", closesAt: later }, "publish", 0, "unknown-state"],
  ];
  it.each(cases)("%s", (_name, bylaw, move, undecided, expected) => {
    const result = transition(bylaw, move, { now, undecided });
    expect(result.ok ? result.to : result.reason).toBe(expected);
  });
});

describe("the council's decision", () => {
  it.each([
    ["closed", "adopted", "decided"],
    ["closed", "rejected", "decided"],
    ["closed", "amended", "decided"],
    ["closed", "referred", "closed"],
    ["open", "adopted", "not-closed"],
    ["decided", "adopted", "not-closed"],
  ] as const)("a bylaw %s, %s: %s", (from, decision, expected) => {
    const result = councilTransition(from, decision);
    expect(result.ok ? result.to : result.reason).toBe(expected);
  });
});

describe("amendments", () => {
  it.each([
    ["open", "accept", "accepted"],
    ["open", "reject", "rejected"],
    ["open", "consider", "considered"],
    ["accepted", "merge", "merged"],
    ["accepted", "reject", "already-decided"],
    ["rejected", "accept", "already-decided"],
    ["considered", "consider", "already-decided"],
    ["open", "merge", "not-accepted"],
    ["merged", "merge", "not-accepted"],
  ] as const)("%s, %s: %s", (from, move, expected) => {
    const result = amendmentTransition(from, move);
    expect(result.ok ? result.to : result.reason).toBe(expected);
  });

  it("may be proposed, supported and opposed only while the consultation is open and its window runs", () => {
    expect(consultationOpen({ status: "open", closesAt: later }, now)).toBe(true);
    expect(consultationOpen({ status: "open", closesAt: earlier }, now)).toBe(false);
    expect(consultationOpen({ status: "draft", closesAt: later }, now)).toBe(false);
    expect(consultationOpen({ status: "closed", closesAt: later }, now)).toBe(false);
    expect(takesStances({ status: "open", closesAt: later }, { status: "open" }, now)).toBe(true);
    expect(takesStances({ status: "open", closesAt: later }, { status: "accepted" }, now)).toBe(false);
  });

  it("must change something: an empty or identical replacement text, or a new article without a title, is refused", () => {
    expect(amendmentContent("replace", "Tekst.", { heading: "", text: "  " })).toBe("empty-text");
    expect(amendmentContent("replace", "Een  terras.", { heading: "", text: "Een terras." })).toBe("identical-text");
    expect(amendmentContent("insert-after", "Tekst.", { heading: "", text: "Nieuw." })).toBe("heading-required");
    expect(amendmentContent("replace", "Tekst.", { heading: "", text: "Andere tekst." })).toBeNull();
    expect(amendmentContent("delete", "Tekst.", { heading: "", text: "" })).toBeNull();
  });
});

describe("the articles of a report, in reading order", () => {
  const cases: Array<[string, number[][], number[]]> = [
    ["one version: its order", [[1, 2, 3]], [1, 2, 3]],
    ["a new article stands where the last version put it", [[1, 2, 3], [1, 4, 2, 3]], [1, 4, 2, 3]],
    ["a removed article goes back where it stood, after the one it followed", [[1, 2, 3], [1, 3]], [1, 2, 3]],
    ["a removed article comes right after the one it followed, before one added after that (as the comparison shows)", [[1, 2, 3], [1, 4, 3]], [1, 2, 4, 3]],
    ["a removed first article stays first", [[1, 2, 3], [2, 3]], [1, 2, 3]],
    ["two removed in a row keep their order", [[1, 2, 3, 4], [1, 4]], [1, 2, 3, 4]],
    ["the last article removed stays last", [[1, 2, 3], [1, 2]], [1, 2, 3]],
    ["removed in different versions, each where it last stood", [[1, 2, 3], [1, 5, 2, 3], [1, 5, 3]], [1, 5, 2, 3]],
    ["removed in different versions, next to each other", [[1, 2, 3, 4], [1, 3, 4], [1, 4]], [1, 2, 3, 4]],
    ["a new article removed again before the end", [[1, 2], [1, 6, 2], [1, 2]], [1, 6, 2]],
  ];
  it.each(cases)("%s", (_name, versions, expected) => {
    expect(articlesInReadingOrder(versions)).toEqual(expected);
  });
});

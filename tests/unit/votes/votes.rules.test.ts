import { describe, expect, it } from "vitest";
import { afterCouncilDecision, ballotCodeOf, ballotListVisible, budgetTotal, checkBallot, groupedBallotCode, mayEdit, normaliseBallotCode, resultsVisible, setupProblems, votePhase, type BallotRules, type VoteSetup } from "~/modules/votes/votes.rules";

const options = [
  { id: 1, cost: 60 },
  { id: 2, cost: 40 },
  { id: 3, cost: 30 },
];
const single: BallotRules = { ballotType: "single", maxChoices: 1, budget: null, minProjects: null, maxProjects: null };
const multiple: BallotRules = { ...single, ballotType: "multiple", maxChoices: 2 };
const budget: BallotRules = { ballotType: "budget", maxChoices: null, budget: 100, minProjects: null, maxProjects: null };

describe("checkBallot", () => {
  it.each([
    ["single: one option", single, [2], { ok: true, optionIds: [2] }],
    ["single: two options", single, [1, 2], { ok: false, problem: "one-choice-only" }],
    ["single: nothing", single, [], { ok: false, problem: "empty-ballot" }],
    ["multiple: up to k", multiple, [3, 1], { ok: true, optionIds: [1, 3] }],
    ["multiple: more than k", multiple, [1, 2, 3], { ok: false, problem: "too-many-choices" }],
    ["multiple: the same option twice counts once", multiple, [2, 2, 2], { ok: true, optionIds: [2] }],
    ["budget: exactly the budget", budget, [1, 2], { ok: true, total: 100 }],
    ["budget: one euro over", budget, [1, 2, 3], { ok: false, problem: "over-budget", total: 130 }],
    ["budget: below the minimum", { ...budget, minProjects: 2 }, [1], { ok: false, problem: "too-few-projects" }],
    ["budget: above the maximum", { ...budget, maxProjects: 1 }, [2, 3], { ok: false, problem: "too-many-projects" }],
    ["any: an option of another vote", budget, [1, 99], { ok: false, problem: "unknown-option" }],
  ] as const)("%s", (_, rules, chosen, expected) => {
    expect(checkBallot(rules, options, chosen)).toMatchObject(expected);
  });

  it("adds up the running total, with what is left (negative when over)", () => {
    expect(budgetTotal(100, options, [1, 3])).toEqual({ spent: 90, left: 10 });
    expect(budgetTotal(100, options, [1, 2, 3])).toEqual({ spent: 130, left: -30 });
  });
});

describe("set-up", () => {
  const at = (h: number) => new Date(Date.UTC(2026, 0, 5, h));
  const base: VoteSetup = { ...budget, opensAt: at(9), closesAt: at(17), options: [60, 40].map((cost, i) => ({ title: `P${i}`, description: "", cost, imageUrl: null, imageAlt: null, linkedTopicId: null })) };
  it.each([
    ["sound", base, []],
    ["closes before it opens", { ...base, closesAt: at(8) }, ["closes-before-opens"]],
    ["one option", { ...base, options: base.options.slice(0, 1) }, ["too-few-options"]],
    ["a project without a cost", { ...base, options: [base.options[0]!, { ...base.options[1]!, cost: null }] }, ["cost-required"]],
    ["a project dearer than the budget", { ...base, budget: 50 }, ["cost-over-budget"]],
    ["minimum above maximum", { ...base, minProjects: 2, maxProjects: 1 }, ["min-over-max"]],
    ["an image without alt text", { ...base, options: [{ ...base.options[0]!, imageUrl: "https://x.example/a.jpg" }, base.options[1]!] }, ["image-alt-required"]],
    ["k above the number of options", { ...base, ballotType: "multiple" as const, maxChoices: 3 }, ["max-choices-range"]],
  ])("%s", (_, setup, problems) => {
    expect(setupProblems(setup).map((p) => p.problem)).toEqual(problems);
  });
});

describe("phases and what they show", () => {
  const vote = { status: "open", opensAt: new Date(1000), closesAt: new Date(2000) };
  it.each([
    [999, "upcoming"],
    [1000, "open"],
    [1999, "open"],
    [2000, "closed"],
  ] as const)("at %i it is %s", (now, phase) => expect(votePhase(vote, new Date(now))).toBe(phase));
  it("a closed status is closed whatever the clock says", () => expect(votePhase({ ...vote, status: "closed" }, new Date(1500))).toBe("closed"));
  it("a vote the council decided is closed whatever the clock says", () => expect(votePhase({ ...vote, status: "decided" }, new Date(1500))).toBe("closed"));
  it("results: live while open when set so, else only after closing; the ballot list only after closing", () => {
    expect(resultsVisible("live", "open")).toBe(true);
    expect(resultsVisible("after-closing", "open")).toBe(false);
    expect(resultsVisible("after-closing", "closed")).toBe(true);
    expect(resultsVisible("live", "upcoming")).toBe(false);
    expect(ballotListVisible("open")).toBe(false);
    expect(ballotListVisible("closed")).toBe(true);
  });
  it("a vote with a ballot in it cannot be edited", () => {
    expect(mayEdit(0)).toBe(true);
    expect(mayEdit(1)).toBe(false);
  });
});

describe("ballot codes", () => {
  it("128 bits as 26 base32 characters, read back however they are typed", () => {
    const code = ballotCodeOf(new Uint8Array(16).fill(255));
    expect(code).toBe("77777777777777777777777774");
    expect(ballotCodeOf(new Uint8Array(16))).toBe("A".repeat(26));
    const grouped = groupedBallotCode(code);
    expect(grouped).toBe("7777 7777 7777 7777 7777 7777 74");
    expect(normaliseBallotCode(grouped.toLowerCase())).toBe(code);
    expect(normaliseBallotCode("7777-7777")).toBeNull();
    expect(normaliseBallotCode("1".repeat(26))).toBeNull();
  });
});

describe("the council's decision on a vote", () => {
  it.each([
    ["closed", "adopted", { ok: true, next: "decided" }],
    ["closed", "rejected", { ok: true, next: "decided" }],
    ["closed", "amended", { ok: true, next: "decided" }],
    ["closed", "referred", { ok: true, next: "closed" }],
    ["open", "adopted", { ok: false }],
    ["open", "referred", { ok: false }],
    ["decided", "adopted", { ok: false }],
    ["decided", "referred", { ok: false }],
  ] as const)("a %s vote, %s: %o", (status, decision, expected) => expect(afterCouncilDecision(status, decision)).toEqual(expected));
});

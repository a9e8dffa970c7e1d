import { describe, expect, it } from "vitest";
import { PROPOSAL_STATES, type ProposalState } from "#db/schema/proposals.constants";
import {
  admissibilityRefusal,
  daysLeft,
  excludedSubjects,
  isOverdue,
  isPublicState,
  move,
  PROPOSAL_MOVES,
  supportThreshold,
  windowClosesAt,
  withinWaitingPeriod,
  type ProposalActor,
  type ProposalMove,
} from "~/modules/proposals/proposals.rules";

// Every move from every state by every actor: exactly the table's entries are allowed.
const ALLOWED: Array<[ProposalState, ProposalMove, ProposalActor, ProposalState]> = [
  ["draft", "submit", "author", "submitted"],
  ["submitted", "admit", "clerk", "collecting"],
  ["submitted", "refuse", "clerk", "inadmissible"],
  ["collecting", "reach-threshold", "system", "threshold-reached"],
  ["collecting", "expire", "system", "expired"],
  ["draft", "withdraw", "author", "withdrawn"],
  ["submitted", "withdraw", "author", "withdrawn"],
  ["collecting", "withdraw", "author", "withdrawn"],
  ["threshold-reached", "decide", "council", "decided"],
];
const MOVES = Object.keys(PROPOSAL_MOVES) as ProposalMove[];
const ACTORS: ProposalActor[] = ["author", "clerk", "system", "council"];

describe("the lifecycle of an agenda proposal", () => {
  const cases = PROPOSAL_STATES.flatMap((state) => MOVES.flatMap((what) => ACTORS.map((by) => [state, what, by] as const)));
  it.each(cases)("from %s, %s by %s", (state, what, by) => {
    const allowed = ALLOWED.find(([s, m, a]) => s === state && m === what && a === by);
    const result = move(state, what, { by, windowEnded: true });
    if (allowed) expect(result).toEqual({ ok: true, next: allowed[3] });
    else expect(result.ok).toBe(false);
  });

  it("refuses a move by the wrong party before looking at the state", () => {
    expect(move("submitted", "admit", { by: "author" })).toEqual({ ok: false, reason: "not-yours" });
    expect(move("draft", "admit", { by: "clerk" })).toEqual({ ok: false, reason: "not-allowed-now" });
  });

  it("does not expire a proposal whose window is still open", () => {
    expect(move("collecting", "expire", { by: "system", windowEnded: false })).toEqual({ ok: false, reason: "window-open" });
  });

  it("keeps a draft and a proposal awaiting the check from the public; a withdrawn one stays as public as it was", () => {
    expect(isPublicState("draft", false)).toBe(false);
    expect(isPublicState("submitted", false)).toBe(false);
    expect(isPublicState("collecting", false)).toBe(true);
    expect(isPublicState("inadmissible", false)).toBe(true);
    expect(isPublicState("withdrawn", false)).toBe(false);
    expect(isPublicState("withdrawn", true)).toBe(true);
  });
});

describe("the threshold", () => {
  it("is the fixed number when absolute", () => {
    expect(supportThreshold({ type: "absolute", absolute: 500, percentage: 1, residents: 200_000 })).toBe(500);
  });

  it("is a percentage of the residents, rounded up", () => {
    expect(supportThreshold({ type: "percentage", absolute: 500, percentage: 0.5, residents: 200_000 })).toBe(1_000);
    expect(supportThreshold({ type: "percentage", absolute: 500, percentage: 0.1, residents: 200_000 })).toBe(200);
    expect(supportThreshold({ type: "percentage", absolute: 500, percentage: 1, residents: 12_345 })).toBe(124);
    expect(supportThreshold({ type: "percentage", absolute: 500, percentage: 2.5, residents: 1_001 })).toBe(26);
  });

  it("is at least one supporter", () => {
    expect(supportThreshold({ type: "percentage", absolute: 500, percentage: 0.01, residents: 10 })).toBe(1);
    expect(supportThreshold({ type: "percentage", absolute: 500, percentage: 5, residents: 0 })).toBe(1);
  });
});

describe("windows and deadlines", () => {
  const at = new Date("2026-03-01T10:00:00Z");
  it("closes the window whole days after it opened and counts the days left up", () => {
    const closes = windowClosesAt(at, 90);
    expect(closes.toISOString()).toBe("2026-05-30T10:00:00.000Z");
    expect(daysLeft(closes, at)).toBe(90);
    expect(daysLeft(closes, new Date(closes.getTime() - 60_000))).toBe(1);
    expect(daysLeft(closes, closes)).toBe(0);
    expect(daysLeft(closes, new Date(closes.getTime() + 1))).toBe(0);
  });

  it("is overdue only after the deadline", () => {
    expect(isOverdue(at, at)).toBe(false);
    expect(isOverdue(at, new Date(at.getTime() + 1))).toBe(true);
  });
});

describe("the waiting period after a council decision on the same subject", () => {
  const decided = new Date("2025-03-15T12:00:00Z");
  it("runs whole calendar months from the decision", () => {
    expect(withinWaitingPeriod(decided, new Date("2027-03-15T11:59:59Z"), 24)).toBe(true);
    expect(withinWaitingPeriod(decided, new Date("2027-03-15T12:00:00Z"), 24)).toBe(false);
    expect(withinWaitingPeriod(null, decided, 24)).toBe(false);
    expect(withinWaitingPeriod(decided, decided, 0)).toBe(false);
  });

  it("lets a clerk refuse for 'recently decided' only with an earlier topic decided within it, and not admit one", () => {
    const within = { named: true, decidedWithinWaitingPeriod: true };
    const outside = { named: true, decidedWithinWaitingPeriod: false };
    const none = { named: false, decidedWithinWaitingPeriod: false };
    expect(admissibilityRefusal({ admissible: true }, within)).toBe("recently-decided-blocks");
    expect(admissibilityRefusal({ admissible: true }, outside)).toBeNull();
    expect(admissibilityRefusal({ admissible: false, reason: "recently-decided" }, within)).toBeNull();
    expect(admissibilityRefusal({ admissible: false, reason: "recently-decided" }, outside)).toBe("recently-decided-unfounded");
    expect(admissibilityRefusal({ admissible: false, reason: "recently-decided" }, none)).toBe("recently-decided-unfounded");
    expect(admissibilityRefusal({ admissible: false, reason: "excluded-subject" }, none)).toBeNull();
  });
});

it("reads the excluded subjects from the setting, one per semicolon", () => {
  expect(excludedSubjects(" Belastingen;  De begroting ;;Personeelszaken\n")).toEqual(["Belastingen", "De begroting", "Personeelszaken"]);
});

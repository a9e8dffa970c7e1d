// The rules of a vote, pure: when it takes ballots, what a valid ballot is for each kind of
// question, what a valid set-up is, and when its results may be shown. The server reads the facts
// and asks here; nothing here touches the database.
import type { CouncilDecision } from "#db/schema/council.constants";
import type { BallotType, ResultsShown, VoteState } from "#db/schema/votes.constants";

/** Where a vote is in time: before its opening time, taking ballots, or past its closing time. */
export type VotePhase = "upcoming" | "open" | "closed";

/** The statuses of a vote whose ballots were counted and whose results are stored: closed, and decided by the council after. */
export const COUNTED_STATES = ["closed", "decided"] as const satisfies readonly VoteState[];

export const isCounted = (status: string): boolean => (COUNTED_STATES as readonly string[]).includes(status);

export function votePhase(vote: { status: string; opensAt: Date; closesAt: Date }, now: Date): VotePhase {
  if (isCounted(vote.status) || now >= vote.closesAt) return "closed";
  return now < vote.opensAt ? "upcoming" : "open";
}

/** The results (counts, allocation) may be read: live votes always, the others once closed. */
export function resultsVisible(resultsShown: ResultsShown, phase: VotePhase): boolean {
  return phase === "closed" || (resultsShown === "live" && phase === "open");
}

/**
 * The published list of ballot codes with their content: only after closing, whatever the setting.
 * A code that appeared just after someone voted would give their ballot away.
 */
export function ballotListVisible(phase: VotePhase): boolean {
  return phase === "closed";
}

/**
 * What the council's decision does to a vote whose results are in: it is decided (adopted, rejected
 * or amended), its results kept as counted; referred back, it keeps awaiting the council. A vote
 * still open, or decided already, takes no decision.
 */
export function afterCouncilDecision(status: string, decision: CouncilDecision): { ok: true; next: VoteState } | { ok: false } {
  if (status !== ("closed" satisfies VoteState)) return { ok: false };
  return { ok: true, next: decision === "referred" ? "closed" : "decided" };
}

/** A vote with ballots in it is frozen: changing the question or options would change what people voted on. */
export function mayEdit(ballotCount: number): boolean {
  return ballotCount === 0;
}

export interface BallotRules {
  ballotType: BallotType;
  maxChoices: number | null;
  budget: number | null;
  minProjects: number | null;
  maxProjects: number | null;
}

export type BallotProblem =
  | "empty-ballot"
  | "one-choice-only"
  | "too-many-choices"
  | "over-budget"
  | "too-few-projects"
  | "too-many-projects"
  | "unknown-option";

export type BallotCheck = { ok: true; optionIds: number[]; total: number } | { ok: false; problem: BallotProblem; total: number };

/**
 * Whether a ballot is valid for this vote: every chosen option is one of its own (a tampered or
 * stale form names another vote's), each counted once; single choice exactly one; multiple choice
 * one up to k; a budget within the money and within the minimum and maximum number of projects
 * (no minimum: at least one project, an empty ballot says nothing). `total` is the ballot's cost.
 */
export function checkBallot(rules: BallotRules, options: ReadonlyArray<{ id: number; cost: number | null }>, chosen: readonly number[]): BallotCheck {
  const byId = new Map(options.map((o) => [o.id, o]));
  const ids = [...new Set(chosen)];
  let total = 0;
  for (const id of ids) {
    const option = byId.get(id);
    if (!option) return { ok: false, problem: "unknown-option", total: 0 };
    total += option.cost ?? 0;
  }
  if (ids.length === 0) return { ok: false, problem: "empty-ballot", total };
  switch (rules.ballotType) {
    case "single":
      if (ids.length !== 1) return { ok: false, problem: "one-choice-only", total };
      break;
    case "multiple":
      if (ids.length > (rules.maxChoices ?? 1)) return { ok: false, problem: "too-many-choices", total };
      break;
    case "budget":
      if (total > (rules.budget ?? 0)) return { ok: false, problem: "over-budget", total };
      if (rules.minProjects !== null && ids.length < rules.minProjects) return { ok: false, problem: "too-few-projects", total };
      if (rules.maxProjects !== null && ids.length > rules.maxProjects) return { ok: false, problem: "too-many-projects", total };
      break;
  }
  return { ok: true, optionIds: ids.sort((a, b) => a - b), total };
}

/** The running total of a budget ballot: what is chosen of these options, and what is left (may be negative). */
export function budgetTotal(budget: number, options: ReadonlyArray<{ id: number; cost: number | null }>, chosen: readonly number[]): { spent: number; left: number } {
  const picked = new Set(chosen);
  const spent = options.reduce((sum, o) => sum + (picked.has(o.id) ? (o.cost ?? 0) : 0), 0);
  return { spent, left: budget - spent };
}

export const QUESTION_MIN = 5;
export const QUESTION_MAX = 200;
export const EXPLANATION_MAX = 10_000;
export const OPTION_TITLE_MAX = 150;
export const OPTION_DESCRIPTION_MAX = 2_000;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 60;
/** Rows for options on a new set-up form; "more rows" adds this many again (it works without JavaScript). */
export const OPTION_ROWS_STEP = 4;

export interface VoteOptionInput {
  title: string;
  description: string;
  cost: number | null;
  imageUrl: string | null;
  imageAlt: string | null;
  linkedTopicId: number | null;
}

export interface VoteSetup extends BallotRules {
  options: readonly VoteOptionInput[];
  opensAt: Date;
  closesAt: Date;
}

export type SetupProblem = { field: string; problem: SetupProblemCode; index?: number };
export type SetupProblemCode =
  | "too-few-options"
  | "too-many-options"
  | "closes-before-opens"
  | "max-choices-range"
  | "budget-required"
  | "cost-required"
  | "cost-over-budget"
  | "min-over-max"
  | "projects-range"
  | "image-alt-required";

/**
 * What is wrong with a set-up, field by field (empty when it is sound). A budget needs a budget and
 * every project a cost; a project dearer than the whole budget could never be funded. k lies
 * between 1 and the number of options; minimum and maximum projects within the options and in order.
 */
export function setupProblems(setup: VoteSetup): SetupProblem[] {
  const problems: SetupProblem[] = [];
  const n = setup.options.length;
  if (n < MIN_OPTIONS) problems.push({ field: "options", problem: "too-few-options" });
  if (n > MAX_OPTIONS) problems.push({ field: "options", problem: "too-many-options" });
  if (setup.closesAt <= setup.opensAt) problems.push({ field: "closesAt", problem: "closes-before-opens" });
  setup.options.forEach((o, index) => {
    if (o.imageUrl && !o.imageAlt) problems.push({ field: `option-${index}-imageAlt`, problem: "image-alt-required", index });
  });
  if (setup.ballotType === "multiple") {
    if (setup.maxChoices === null || setup.maxChoices < 1 || (n >= MIN_OPTIONS && setup.maxChoices > n)) problems.push({ field: "maxChoices", problem: "max-choices-range" });
  }
  if (setup.ballotType === "budget") {
    if (setup.budget === null || setup.budget < 1) problems.push({ field: "budget", problem: "budget-required" });
    setup.options.forEach((o, index) => {
      if (o.cost === null || o.cost < 1) problems.push({ field: `option-${index}-cost`, problem: "cost-required", index });
      else if (setup.budget !== null && o.cost > setup.budget) problems.push({ field: `option-${index}-cost`, problem: "cost-over-budget", index });
    });
    const { minProjects: min, maxProjects: max } = setup;
    if ((min !== null && (min < 1 || min > n)) || (max !== null && (max < 1 || max > n))) problems.push({ field: "maxProjects", problem: "projects-range" });
    else if (min !== null && max !== null && min > max) problems.push({ field: "minProjects", problem: "min-over-max" });
  }
  return problems;
}

// --- ballot codes --------------------------------------------------------------------------------

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** 16 random bytes (128 bits) as 26 base32 characters: the ballot code (the caller supplies the randomness). */
export function ballotCodeOf(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** What a ballot code looks like; a code typed with spaces, dashes or lower case is read as well. */
export function normaliseBallotCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, "").toUpperCase();
  return /^[A-Z2-7]{26}$/.test(code) ? code : null;
}

/** The code in groups of four, as the receipt shows it, easier to read out and compare. */
export function groupedBallotCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, "$1 ");
}

// The rules of an agenda proposal (inwonersinitiatief), pure: the lifecycle as one table of moves,
// the threshold from the verordening's settings, the support window, the admissibility deadline
// and the waiting period after a council decision on the same subject.
import type { InadmissibleReason, ProposalState, ThresholdType } from "#db/schema/proposals.constants";

export const TITLE_MIN = 10;
export const TITLE_MAX = 120;
export const DECISION_MIN = 20;
export const DECISION_MAX = 2_000;
export const REASONS_MAX = 10_000;
export const NOTE_MAX = 2_000;

/** Who moves a proposal on: its author, a clerk, the system (a threshold, a deadline), or the council (recorded by a clerk). */
export type ProposalActor = "author" | "clerk" | "system" | "council";

export type ProposalMove = "submit" | "admit" | "refuse" | "reach-threshold" | "expire" | "withdraw" | "decide";

interface MoveRule {
  from: readonly ProposalState[];
  to: ProposalState;
  by: ProposalActor;
}

/** Every allowed move; anything not here is refused. */
export const PROPOSAL_MOVES: Readonly<Record<ProposalMove, MoveRule>> = {
  submit: { from: ["draft"], to: "submitted", by: "author" },
  /** Found admissible: the collection of support opens at once. */
  admit: { from: ["submitted"], to: "collecting", by: "clerk" },
  refuse: { from: ["submitted"], to: "inadmissible", by: "clerk" },
  "reach-threshold": { from: ["collecting"], to: "threshold-reached", by: "system" },
  /** Only once the window has ended (the caller passes whether it has). */
  expire: { from: ["collecting"], to: "expired", by: "system" },
  /** The council decided it (adopted, rejected, amended); referred back, it stays awaiting the council. */
  decide: { from: ["threshold-reached"], to: "decided", by: "council" },
  /** The author may take it back until it reaches the council. */
  withdraw: { from: ["draft", "submitted", "collecting"], to: "withdrawn", by: "author" },
};

export type MoveRefusal = "not-allowed-now" | "not-yours" | "window-open";

export function move(
  state: ProposalState,
  what: ProposalMove,
  context: { by: ProposalActor; windowEnded?: boolean },
): { ok: true; next: ProposalState } | { ok: false; reason: MoveRefusal } {
  const rule = PROPOSAL_MOVES[what];
  if (rule.by !== context.by) return { ok: false, reason: "not-yours" };
  if (!rule.from.includes(state)) return { ok: false, reason: "not-allowed-now" };
  if (what === "expire" && !context.windowEnded) return { ok: false, reason: "window-open" };
  return { ok: true, next: rule.to };
}

/** Whom the public sees it: once a clerk decided on it; a draft or one awaiting the check only its author and staff. */
export function isPublicState(state: ProposalState, wasPublic: boolean): boolean {
  if (state === "draft" || state === "submitted") return false;
  if (state === "withdrawn") return wasPublic;
  return true;
}

/** The public statuses the list offers as filters. */
export const LISTED_STATES: readonly ProposalState[] = ["collecting", "threshold-reached", "decided", "expired", "inadmissible", "withdrawn"];

/** Statuses in which it takes support. */
export const COLLECTING: readonly ProposalState[] = ["collecting"];

/** The support needed under the settings in force: a fixed number, or a percentage of the residents (rounded up, at least 1). */
export function supportThreshold(rule: { type: ThresholdType; absolute: number; percentage: number; residents: number }): number {
  if (rule.type === "absolute") return Math.max(1, Math.floor(rule.absolute));
  // Hundredths of a percent in whole numbers, so 0.1% of 200,000 is 200 and not 200.00000000000003 rounded up.
  const basisPoints = Math.round(rule.percentage * 100);
  return Math.max(1, Math.ceil((rule.residents * basisPoints) / 10_000));
}

const DAY = 86_400_000;

/** When the support window closes: whole days after it opened. */
export function windowClosesAt(openedAt: Date, days: number): Date {
  return new Date(openedAt.getTime() + days * DAY);
}

/** Days left in the window, rounded up ("1 day left" on its last day); 0 once it ended. */
export function daysLeft(closesAt: Date, now: Date): number {
  return Math.max(0, Math.ceil((closesAt.getTime() - now.getTime()) / DAY));
}

/** When the clerks must have checked a proposal submitted at `submittedAt`. */
export function admissibilityDueAt(submittedAt: Date, days: number): Date {
  return new Date(submittedAt.getTime() + days * DAY);
}

export function isOverdue(dueAt: Date, now: Date): boolean {
  return now.getTime() > dueAt.getTime();
}

/**
 * Whether the council decided the same subject within the waiting period: the clerk names the
 * earlier topic at the check, and its latest decision date decides. Months are calendar months
 * (a decision of 15 March with 24 months blocks until 15 March two years on, that day excluded).
 */
export function withinWaitingPeriod(decidedAt: Date | null, now: Date, months: number): boolean {
  if (!decidedAt || months <= 0) return false;
  const until = new Date(decidedAt.getTime());
  until.setUTCMonth(until.getUTCMonth() + months);
  return now.getTime() < until.getTime();
}

/** What the clerk may decide given the waiting period: found within it, only "inadmissible, recently decided" stands. */
export function admissibilityRefusal(
  decision: { admissible: true } | { admissible: false; reason: InadmissibleReason },
  earlier: { named: boolean; decidedWithinWaitingPeriod: boolean },
): "recently-decided-blocks" | "recently-decided-unfounded" | null {
  if (decision.admissible) return earlier.decidedWithinWaitingPeriod ? "recently-decided-blocks" : null;
  if (decision.reason === "recently-decided" && !(earlier.named && earlier.decidedWithinWaitingPeriod)) return "recently-decided-unfounded";
  return null;
}

/** The excluded subjects as a list, from the setting's semicolon-separated text. */
export function excludedSubjects(setting: string): string[] {
  return setting
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

// Enum-like lists of the votes schema: plain data, safe to import in browser code (no drizzle).

/** What a ballot asks: one option, at most k options, or projects within a budget (approval). */
export const BALLOT_TYPES = ["single", "multiple", "budget"] as const;
export type BallotType = (typeof BALLOT_TYPES)[number];

/** When the counts are shown: while the vote runs, or only once it has closed. */
export const RESULTS_SHOWN = ["live", "after-closing"] as const;
export type ResultsShown = (typeof RESULTS_SHOWN)[number];

/** Who may vote (app/modules/residents/eligibility.rules.ts). */
export const VOTE_ELIGIBLE_GROUPS = ["confirmed-accounts", "verified-residents"] as const;
export type VoteEligibleGroup = (typeof VOTE_ELIGIBLE_GROUPS)[number];

/** The allocation rules a clerk may choose for a budget (Pabulib names, the export's `rule` field). */
export const BUDGET_RULES = ["greedy", "equalshares/add1", "equalshares/add1/greedy"] as const;
export type BudgetRule = (typeof BUDGET_RULES)[number];

/**
 * A vote's statuses on its topic row: open from publication (casting waits for its opening time),
 * closed by the job (its results are in: it awaits the council), decided once the council recorded
 * its decision on it (the results stay as they were counted).
 */
export const VOTE_STATES = ["open", "closed", "decided"] as const;
export type VoteState = (typeof VOTE_STATES)[number];

// Results of a vote: the counts (bumped while casting), turnout per neighbourhood, for budgets the
// allocation the closing job worked out, and the open data: the counts as CSV, the ballot code
// list (after closing only) and the Pabulib `.pb` file. Ballot content is never split by any
// property of a voter (docs/decisions/005).
import { and, asc, eq, gt } from "drizzle-orm";
import { ballotChoices, ballots, neighbourhoods, votes, voteTurnoutCounts } from "#db/schema";
import { compareAllocations, type AllocationRule, type BudgetElection, type ComparedProject } from "~/modules/votes/allocation.rules";
import { csvRows } from "~/utils/csv";
import { db, type DB, type Tx } from "~/utils/db.server";
import { can, type Actor } from "~/utils/permissions";
import { pabulibFromOutcome, writePabulib } from "./votes.pabulib";
import { ballotListVisible, isCounted, resultsVisible } from "./votes.rules";
import { findVote, listOptions, phaseOf, type VoteOption, type VoteRow } from "./votes.server";

/** What the closing job stores for a budget: each rule's outcome, project by project. */
export interface BudgetResult {
  rule: AllocationRule;
  comparedWith: AllocationRule;
  projects: ComparedProject[];
  spent: Record<string, number>;
}

/** The other rule a budget's outcome is compared with on the results page. */
export function comparisonRule(rule: AllocationRule): AllocationRule {
  return rule === "greedy" ? "equalshares/add1" : "greedy";
}

/** Every ballot of a vote as the option ids it chose, by code (the order of the primary key: random). */
export function* ballotsOf(tx: DB | Tx, topicId: number, pageSize = 5_000): Generator<{ code: string; optionIds: number[] }> {
  let after = "";
  for (;;) {
    const rows = tx
      .select({ code: ballotChoices.code, optionId: ballotChoices.optionId })
      .from(ballotChoices)
      .where(and(eq(ballotChoices.topicId, topicId), gt(ballotChoices.code, after)))
      .orderBy(asc(ballotChoices.code), asc(ballotChoices.optionId))
      .limit(pageSize)
      .all();
    if (rows.length === 0) return;
    // A page may end inside a ballot: keep only whole ballots, the next page starts at the cut one.
    const last = rows.length === pageSize ? rows[rows.length - 1]!.code : null;
    const whole = last === null ? rows : rows.filter((r) => r.code !== last);
    if (whole.length === 0) throw new Error(`ballot ${last} has more choices than a page holds`);
    let code = whole[0]!.code;
    let optionIds: number[] = [];
    for (const row of whole) {
      if (row.code !== code) {
        yield { code, optionIds };
        code = row.code;
        optionIds = [];
      }
      optionIds.push(row.optionId);
    }
    yield { code, optionIds };
    if (last === null) return;
    after = code;
  }
}

/** A budget vote as an election for the allocation rules: projects by option id, one approval list per ballot. */
export function budgetElection(tx: DB | Tx, vote: Pick<VoteRow, "id" | "budget">, options: readonly VoteOption[]): BudgetElection {
  const ballotsCast: string[][] = [];
  for (const ballot of ballotsOf(tx, vote.id)) ballotsCast.push(ballot.optionIds.map(String));
  return { budget: vote.budget ?? 0, projects: options.map((o) => ({ id: String(o.id), cost: o.cost ?? 1 })), ballots: ballotsCast };
}

/** Works out a closed budget's outcome under its rule and the comparison rule. */
export function computeBudgetResult(tx: DB | Tx, vote: VoteRow): BudgetResult | null {
  if (vote.ballotType !== "budget" || !vote.allocationRule) return null;
  const election = budgetElection(tx, vote, listOptions(tx, vote.id));
  const rule = vote.allocationRule as AllocationRule;
  const other = comparisonRule(rule);
  const compared = compareAllocations(election, [rule, other]);
  if (!compared.ok) throw new Error(`vote ${vote.id}: allocation refused (${compared.reason})`);
  return { rule, comparedWith: other, projects: compared.projects, spent: Object.fromEntries(compared.allocations.map((a) => [a.rule, a.spent])) };
}

/** Budgets counted on read between their closing time and the closing job, per vote (see budgetResultOf). */
const countedOnRead = new Map<number, { ballots: number; result: BudgetResult | null }>();
const COUNTED_ON_READ_MAX = 50;

/**
 * A budget's outcome as it may be read: the one the closing job stored; or, from the closing time
 * until the job has run (up to its interval), the same count worked out from the ballots, which no
 * longer change (casting checks the closing time), without writing in a read. Kept per worker
 * under the ballot count, so a crowd at the closing moment costs one count, and a ballot that was
 * still committing at the closing moment is counted too. Null for a poll, or a budget still open.
 */
export function budgetResultOf(vote: VoteRow, now: Date): BudgetResult | null {
  if (vote.ballotType !== "budget") return null;
  if (isCounted(vote.status)) {
    countedOnRead.delete(vote.id);
    return (db.select({ result: votes.result }).from(votes).where(eq(votes.topicId, vote.id)).get()?.result as BudgetResult | null | undefined) ?? null;
  }
  if (phaseOf(vote, now) !== "closed") return null;
  const known = countedOnRead.get(vote.id);
  if (known && known.ballots === vote.ballotCount) return known.result;
  const result = computeBudgetResult(db, vote);
  if (countedOnRead.size >= COUNTED_ON_READ_MAX) countedOnRead.delete(countedOnRead.keys().next().value!);
  countedOnRead.set(vote.id, { ballots: vote.ballotCount, result });
  return result;
}

/** The results page, or null when the vote is missing or not this person's to read; `visible` false while the setting hides them. */
export function getResults(topicId: number, actor: Actor | null, now = new Date()) {
  const vote = findVote(db, topicId);
  if (!vote || !can(actor, "vote:read", { ...vote, kind: "vote" })) return null;
  const phase = phaseOf(vote, now);
  const base = { id: vote.id, title: vote.title, phase, ballotType: vote.ballotType, resultsShown: vote.resultsShown, closesAt: vote.closesAt?.toISOString() ?? null, budget: vote.budget };
  if (!resultsVisible(vote.resultsShown, phase)) return { ...base, visible: false as const };
  const options = listOptions(db, topicId);
  const turnout = db
    .select({ name: neighbourhoods.name, count: voteTurnoutCounts.count })
    .from(voteTurnoutCounts)
    .innerJoin(neighbourhoods, eq(neighbourhoods.id, voteTurnoutCounts.neighbourhoodId))
    .where(eq(voteTurnoutCounts.topicId, topicId))
    .orderBy(asc(neighbourhoods.name))
    .all();
  const budgetResult = budgetResultOf(vote, now);
  return {
    ...base,
    visible: true as const,
    ballots: vote.ballotCount,
    options: options.map((o) => ({ id: o.id, title: o.title, cost: o.cost, votes: o.voteCount, share: vote.ballotCount ? o.voteCount / vote.ballotCount : 0 })),
    turnout,
    budgetResult,
    ballotList: ballotListVisible(phase),
  };
}

/** The counts as CSV lines (formula-safe): one line per option. */
export function* resultsCsv(topicId: number, now = new Date()): Generator<string> {
  const vote = findVote(db, topicId)!;
  const stored = budgetResultOf(vote, now);
  const funded = new Map(stored?.projects.map((p) => [p.id, p.outcomes[0]?.funded ?? false]) ?? []);
  yield csvRows([["option_id", "title", "votes", "ballots", "cost", "funded"]]);
  for (const o of listOptions(db, topicId)) {
    yield csvRows([[o.id, o.title, o.voteCount, vote.ballotCount, o.cost, stored ? (funded.get(String(o.id)) ? 1 : 0) : null]]);
  }
}

/** One page of the published ballot list, by code: each code with the titles it chose. */
export function ballotListPage(topicId: number, after: string, limit = 100) {
  const options = new Map(listOptions(db, topicId).map((o) => [o.id, o.title]));
  const codes = db.select({ code: ballots.code }).from(ballots).where(and(eq(ballots.topicId, topicId), gt(ballots.code, after))).orderBy(asc(ballots.code)).limit(limit + 1).all();
  const page = codes.slice(0, limit);
  const rows = page.map(({ code }) => ({
    code,
    choices: db.select({ optionId: ballotChoices.optionId }).from(ballotChoices).where(and(eq(ballotChoices.topicId, topicId), eq(ballotChoices.code, code))).all().map((c) => options.get(c.optionId) ?? String(c.optionId)),
  }));
  return { rows, next: codes.length > limit ? page[page.length - 1]!.code : null };
}

/** The whole ballot list as CSV, read a page at a time: code, then the option ids it chose. */
export function* ballotListCsv(topicId: number): Generator<string> {
  yield csvRows([["ballot_code", "option_ids"]]);
  for (const ballot of ballotsOf(db, topicId)) yield csvRows([[ballot.code, ballot.optionIds.join(",")]]);
}

/** A closed budget vote as a Pabulib `.pb` file: the voter ids are the ballot codes, never accounts. */
export function budgetPabulib(topicId: number, municipality: string, now = new Date()): string | null {
  const vote = findVote(db, topicId);
  if (!vote || vote.ballotType !== "budget") return null;
  const stored = budgetResultOf(vote, now);
  if (!stored) return null;
  const options = listOptions(db, topicId);
  const funded = stored.projects.filter((p) => p.outcomes[0]?.funded).map((p) => p.id);
  const allBallots = [...ballotsOf(db, topicId)];
  const instance = pabulibFromOutcome({
    meta: { description: vote.title, country: "Netherlands", unit: municipality, instance: String(vote.id), currency: "EUR", date_end: vote.closesAt?.toISOString().slice(0, 10) ?? "" },
    projects: options.map((o) => ({ id: String(o.id), cost: o.cost ?? 1, name: o.title })),
    ballots: allBallots.map((b) => ({ voterId: b.code, approvals: b.optionIds.map(String) })),
    allocation: { rule: stored.rule, budget: vote.budget ?? 0, spent: stored.spent[stored.rule] ?? 0, funded, projects: [], equalShares: null },
  });
  return writePabulib(instance);
}

/**
 * The results as open data in JSON, the same figures the page shows: per option its votes and
 * share; per neighbourhood the turnout; for a budget the allocation under its rule and the
 * comparison rule, project by project. Never anything about a voter.
 */
export function resultsJson(results: Extract<NonNullable<ReturnType<typeof getResults>>, { visible: true }>) {
  const budget = results.budgetResult;
  return {
    vote: { id: results.id, title: results.title, ballotType: results.ballotType, phase: results.phase, closesAt: results.closesAt, budget: results.budget, ballots: results.ballots },
    options: results.options.map((o) => ({ id: o.id, title: o.title, cost: o.cost, votes: o.votes, share: Math.round(o.share * 10_000) / 10_000 })),
    turnout: results.turnout.map((n) => ({ neighbourhood: n.name, voters: n.count })),
    allocation: budget
      ? {
          rule: budget.rule,
          comparedWith: budget.comparedWith,
          spent: budget.spent,
          projects: budget.projects.map((p) => ({
            id: Number(p.id),
            cost: p.cost,
            votes: p.votes,
            outcomes: p.outcomes.map((o) => ({ rule: o.rule, funded: o.funded, ...(o.share ? { supporters: o.share.payers, averagePayment: o.share.averagePayment } : {}) })),
          })),
        }
      : null,
  };
}

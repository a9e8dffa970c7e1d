// Allocation rules for a participatory budget with approval ballots: which projects are funded.
//
// Every rule here decides with exact integer arithmetic (bigint). Costs and the budget are whole
// currency units; the Method of Equal Shares splits them into fractions of a unit, which are kept
// as numerators over one common denominator, so two projects that tie on paper tie here too and
// the outcome never depends on the order in which floating-point sums happen to be taken.
//
// Ties are broken the same way everywhere and stated on the results page: more votes first, then
// the lower cost, then the project id (numerically when both ids are numbers).

import type { VoteMessageKey } from "~/i18n/votes";

export interface BudgetProject {
  id: string;
  /** Whole currency units (euros), at least 1. */
  cost: number;
}

/** What an allocation rule is given: the budget, the projects and one approval ballot per voter. */
export interface BudgetElection {
  /** Whole currency units. */
  budget: number;
  projects: readonly BudgetProject[];
  /** The project ids each voter approved; a voter may approve none. */
  ballots: readonly (readonly string[])[];
}

/**
 * How the Method of Equal Shares values a funded project for a voter who approved it:
 * - "cost": by its cost (what Wieliczka, Aarau and equalshares.net use): each round funds the
 *   project whose supporters pay the least per euro of its cost;
 * - "count": each approved project counts once: each round funds the project whose supporters pay
 *   the least per person.
 */
export type Satisfaction = "cost" | "count";

/**
 * What is done with the money the Method of Equal Shares leaves unspent:
 * - "none": nothing;
 * - "add1": raise every voter's share by one currency unit and run again, as long as the outcome
 *   stays within the real budget (and something could still be added);
 * - "add1-greedy": the same, then fund the remaining projects by votes while they fit.
 */
export type Completion = "none" | "add1" | "add1-greedy";

export interface EqualSharesOptions {
  completion: Completion;
  satisfaction?: Satisfaction;
}

/** The Pabulib name of a rule (the `rule` field of a `.pb` file and of the exports). */
export type AllocationRule =
  | "greedy"
  | `equalshares${"" | "-count"}${"" | "/add1" | "/add1/greedy"}`;

/** Why a project was funded. */
export type FundedBy = "votes" | "equal-shares" | "greedy-completion";

/** What a project funded by equal shares cost the supporters who still had money. */
export interface SupportersShare {
  /** Supporters who paid towards it (those who still had money when it was chosen). */
  payers: number;
  /** Cost divided by payers, in currency units, rounded to cents (display only). */
  averagePayment: number;
  /** The most one supporter paid, in currency units, rounded up to cents (display only). */
  maxPayment: number;
}

export interface ProjectResult {
  id: string;
  cost: number;
  votes: number;
  funded: boolean;
  /** 1 for the first project chosen, 2 for the next, ...; null when not funded. */
  order: number | null;
  fundedBy: FundedBy | null;
  /** Only for projects funded by equal shares. */
  share: SupportersShare | null;
}

export interface Allocation {
  rule: AllocationRule;
  budget: number;
  spent: number;
  /** Funded project ids in the order the rule chose them. */
  funded: string[];
  /** Every project, in the order given. */
  projects: ProjectResult[];
  /**
   * Equal shares only: the per-voter share the final run used, in currency units (rounded to
   * cents), and how many times add-one raised it.
   */
  equalShares: { voterShare: number; raisedBy: number } | null;
}

export type AllocationRefusal =
  | "budget-not-whole"
  | "cost-not-whole"
  | "duplicate-project"
  | "unknown-project-in-ballot";

export type AllocationResult = { ok: true; allocation: Allocation } | { ok: false; reason: AllocationRefusal; projectId?: string };

/** The rule name for a set of equal-shares options. */
export function equalSharesRuleName(options: EqualSharesOptions): AllocationRule {
  const base = options.satisfaction === "count" ? "equalshares-count" : "equalshares";
  const tail = options.completion === "add1" ? "/add1" : options.completion === "add1-greedy" ? "/add1/greedy" : "";
  return `${base}${tail}` as AllocationRule;
}

/** The options a rule name stands for; null for greedy or a name this module does not know. */
export function equalSharesOptionsOf(rule: string): EqualSharesOptions | null {
  const match = /^equalshares(-count)?(\/add1(\/greedy)?)?$/.exec(rule);
  if (!match) return null;
  return {
    satisfaction: match[1] ? "count" : "cost",
    completion: match[3] ? "add1-greedy" : match[2] ? "add1" : "none",
  };
}

/** Runs the rule a Pabulib name stands for: "greedy" or one of the equal-shares names. */
export function allocateByRule(election: BudgetElection, rule: AllocationRule): AllocationResult {
  if (rule === "greedy") return allocateGreedy(election);
  const options = equalSharesOptionsOf(rule);
  if (!options) throw new Error(`unknown allocation rule ${rule}`);
  return allocateEqualShares(election, options);
}

// --- shared preparation --------------------------------------------------------------------------

/** Ids as numbers when both are whole numbers, else by code point: the same on every machine. */
export function compareProjectIds(a: string, b: string): number {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b)) {
    const byLength = a.replace(/^0+/, "").length - b.replace(/^0+/, "").length;
    if (byLength !== 0) return byLength;
    const x = a.replace(/^0+/, "");
    const y = b.replace(/^0+/, "");
    if (x !== y) return x < y ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Prepared {
  budget: bigint;
  ids: string[];
  costs: bigint[];
  votes: number[];
  voters: number;
  /** Project indexes sorted by votes (most first), then cost, then id: greedy order and tie order. */
  byVotes: number[];
  /** Position of each project in byVotes: lower wins a tie. */
  tieRank: Int32Array;
  /** Each ballot as project indexes, each project once. */
  ballots: Int32Array[];
}

type Prepare = { ok: true; prepared: Prepared } | { ok: false; reason: AllocationRefusal; projectId?: string };

function prepare(election: BudgetElection): Prepare {
  if (!Number.isSafeInteger(election.budget) || election.budget < 0) return { ok: false, reason: "budget-not-whole" };
  const index = new Map<string, number>();
  const ids: string[] = [];
  const costs: bigint[] = [];
  for (const project of election.projects) {
    if (!Number.isSafeInteger(project.cost) || project.cost < 1) return { ok: false, reason: "cost-not-whole", projectId: project.id };
    if (index.has(project.id)) return { ok: false, reason: "duplicate-project", projectId: project.id };
    index.set(project.id, ids.length);
    ids.push(project.id);
    costs.push(BigInt(project.cost));
  }
  const votes = new Array<number>(ids.length).fill(0);
  // A project listed twice on one ballot counts once: `seen` holds the ballot number that last approved it.
  const seen = new Int32Array(ids.length).fill(-1);
  const ballots: Int32Array[] = [];
  for (let b = 0; b < election.ballots.length; b++) {
    const ballot = election.ballots[b]!;
    const approved: number[] = [];
    for (const id of ballot) {
      const at = index.get(id);
      if (at === undefined) return { ok: false, reason: "unknown-project-in-ballot", projectId: id };
      if (seen[at] === b) continue;
      seen[at] = b;
      approved.push(at);
      votes[at]! += 1;
    }
    ballots.push(Int32Array.from(approved).sort());
  }
  const byVotes = ids.map((_, i) => i).sort((a, b) => votes[b]! - votes[a]! || compareBig(costs[a]!, costs[b]!) || compareProjectIds(ids[a]!, ids[b]!));
  const tieRank = new Int32Array(ids.length);
  byVotes.forEach((p, rank) => (tieRank[p] = rank));
  return { ok: true, prepared: { budget: BigInt(election.budget), ids, costs, votes, voters: election.ballots.length, byVotes, tieRank, ballots } };
}

/** Voters with the same ballot, folded into one group with a weight, and per project the groups that approve it. */
function groupBallots(p: Prepared): { weights: Int32Array; supporters: Int32Array[] } {
  const groups = new Map<string, number>();
  const weights: number[] = [];
  const supporters: number[][] = p.ids.map(() => []);
  for (const ballot of p.ballots) {
    const key = ballot.join(",");
    const g = groups.get(key);
    if (g !== undefined) {
      weights[g]! += 1;
      continue;
    }
    groups.set(key, weights.length);
    for (const project of ballot) supporters[project]!.push(weights.length);
    weights.push(1);
  }
  return { weights: Int32Array.from(weights), supporters: supporters.map((list) => Int32Array.from(list)) };
}

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// --- greedy by votes -----------------------------------------------------------------------------

/**
 * Greedy by votes (what Decidim and CONSUL do): projects ranked by approvals, funded in that
 * order, skipping any that no longer fits in what is left. A project nobody approved is not funded.
 */
export function allocateGreedy(election: BudgetElection): AllocationResult {
  const prepared = prepare(election);
  if (!prepared.ok) return prepared;
  const p = prepared.prepared;
  const chosen = greedyFill(p, [], p.budget);
  return { ok: true, allocation: describeOutcome(p, "greedy", chosen.map((project) => ({ project, fundedBy: "votes" as const, share: null })), null) };
}

/** Adds projects by votes to `already`, while they fit in `budget` (the whole budget). */
function greedyFill(p: Prepared, already: number[], budget: bigint): number[] {
  const taken = new Set(already);
  let left = budget - already.reduce((sum, project) => sum + p.costs[project]!, 0n);
  const added: number[] = [];
  for (const project of p.byVotes) {
    if (p.votes[project] === 0) break;
    if (taken.has(project) || p.costs[project]! > left) continue;
    added.push(project);
    left -= p.costs[project]!;
  }
  return added;
}

// --- Method of Equal Shares ----------------------------------------------------------------------

interface Funding {
  project: number;
  /** Supporters who still had money when it was chosen. */
  payers: number;
  /** The most one supporter paid, in currency units. */
  maxPayment: { numerator: bigint; denominator: bigint };
}

type Groups = ReturnType<typeof groupBallots>;

interface EqualSharesRun {
  fundings: Funding[];
  cost: bigint;
}

/**
 * One run of the Method of Equal Shares with every voter starting at `total / voters` (exact).
 *
 * Voters with the same ballot always hold the same amount, so they are handled as one weighted
 * group; groups holding the same amount share a "purse" (one exact amount for all of them), so the
 * work per project is a walk over a few purses rather than every supporter.
 */
function equalSharesRun(p: Prepared, groups: Groups, total: bigint, satisfaction: Satisfaction): EqualSharesRun {
  const groupCount = groups.weights.length;
  // Amounts are purseAmount[k] / denominator. A purse index of -1 means the group has nothing left.
  let denominator = BigInt(p.voters);
  const purseAmount: bigint[] = [total];
  const purseOf = new Int32Array(groupCount);
  // Scratch space for one project's walk, indexed by purse.
  let purseCount = new Float64Array(64);
  let purseStamp = new Int32Array(64);
  let stamp = 0;

  const candidates: Array<{ project: number; bound: { n: bigint; d: bigint } | null }> = [];
  for (let project = 0; project < p.ids.length; project++) {
    if (p.votes[project]! > 0) candidates.push({ project, bound: null });
  }
  const utility = (project: number) => (satisfaction === "cost" ? p.costs[project]! : 1n);

  /**
   * The smallest payment cap that lets the supporters of `project` pay its cost (each pays the cap,
   * or everything they have if that is less), as `numerator / (divisor × denominator)`, with how
   * many supporters still had money (the payers); null when all their money together is not enough.
   */
  function evaluate(project: number) {
    stamp += 1;
    const touched: number[] = [];
    const supporting = groups.supporters[project]!;
    for (let i = 0; i < supporting.length; i++) {
      const g = supporting[i]!;
      const k = purseOf[g]!;
      if (k < 0) continue;
      if (purseStamp[k] !== stamp) {
        purseStamp[k] = stamp;
        purseCount[k] = 0;
        touched.push(k);
      }
      purseCount[k]! += groups.weights[g]!;
    }
    touched.sort((a, b) => compareBig(purseAmount[a]!, purseAmount[b]!));
    const need = p.costs[project]! * denominator;
    let paid = 0n;
    let remaining = 0;
    for (const k of touched) remaining += purseCount[k]!;
    const payers = remaining;
    for (const k of touched) {
      const amount = purseAmount[k]!;
      const count = purseCount[k]!;
      // Everyone from this purse on can pay an equal split of what is still needed.
      if (need - paid <= amount * BigInt(remaining)) {
        return { numerator: need - paid, divisor: BigInt(remaining), payers };
      }
      paid += amount * BigInt(count);
      remaining -= count;
    }
    return null;
  }

  /** Whether `a` goes before `b`: a lower payment per unit of satisfaction, then the tie order. */
  function better(a: { project: number; rho: { n: bigint; d: bigint } }, b: { project: number; rho: { n: bigint; d: bigint } }): boolean {
    const left = a.rho.n * b.rho.d;
    const right = b.rho.n * a.rho.d;
    if (left !== right) return left < right;
    return p.tieRank[a.project]! < p.tieRank[b.project]!;
  }

  const fundings: Funding[] = [];
  let spent = 0n;
  for (;;) {
    // Budgets only shrink, so a project's payment per unit only grows: its last value is a lower
    // bound, and projects whose bound is already worse than the best found need no new walk.
    candidates.sort((a, b) => {
      if (!a.bound || !b.bound) return a.bound ? 1 : b.bound ? -1 : 0;
      return compareBig(a.bound.n * b.bound.d, b.bound.n * a.bound.d);
    });
    let best: { project: number; rho: { n: bigint; d: bigint }; walk: NonNullable<ReturnType<typeof evaluate>> } | null = null;
    const unaffordable = new Set<number>();
    for (const candidate of candidates) {
      if (best && candidate.bound && candidate.bound.n * best.rho.d > best.rho.n * candidate.bound.d) break;
      const walk = evaluate(candidate.project);
      if (!walk) {
        // Money only runs out: a project its supporters cannot pay now, they never can.
        unaffordable.add(candidate.project);
        continue;
      }
      const rho = { n: walk.numerator, d: walk.divisor * denominator * utility(candidate.project) };
      candidate.bound = rho;
      const current = { project: candidate.project, rho, walk };
      if (!best || better(current, best)) best = current;
    }
    const chosen = best;
    for (let i = candidates.length - 1; i >= 0; i--) {
      if (unaffordable.has(candidates[i]!.project) || candidates[i]!.project === chosen?.project) candidates.splice(i, 1);
    }
    if (!chosen) break;

    // Charge the supporters: everyone pays the cap or all they have. New amounts are
    // (amount × divisor − numerator) / (divisor × denominator), so every purse is rescaled.
    const { numerator, divisor, payers } = chosen.walk;
    fundings.push({ project: chosen.project, payers, maxPayment: { numerator, denominator: divisor * denominator } });
    spent += p.costs[chosen.project]!;
    for (let k = 0; k < purseAmount.length; k++) purseAmount[k] = purseAmount[k]! * divisor;
    denominator *= divisor;
    const after = new Map<number, number>();
    for (const g of groups.supporters[chosen.project]!) {
      const k = purseOf[g]!;
      if (k < 0) continue;
      let next = after.get(k);
      if (next === undefined) {
        const left = purseAmount[k]! - numerator;
        if (left > 0n) {
          next = purseAmount.length;
          purseAmount.push(left);
        } else next = -1;
        after.set(k, next);
      }
      purseOf[g] = next;
    }
    if (purseAmount.length > purseStamp.length) {
      const size = purseAmount.length * 2;
      const counts = new Float64Array(size);
      counts.set(purseCount);
      purseCount = counts;
      const stamps = new Int32Array(size);
      stamps.set(purseStamp);
      purseStamp = stamps;
    }
  }
  return { fundings, cost: spent };
}

/**
 * The Method of Equal Shares (Peters and Skowron): the budget is split equally among the voters; a
 * project is funded when its supporters can pay for it together, each paying an equal part or all
 * they have left; each round funds the project that asks least of its supporters (see
 * Satisfaction). With "add1" the per-voter share is then raised one currency unit at a time while
 * the outcome stays within the real budget; with "add1-greedy" what is still left funds projects
 * by votes.
 */
export function allocateEqualShares(election: BudgetElection, options: EqualSharesOptions): AllocationResult {
  const prepared = prepare(election);
  if (!prepared.ok) return prepared;
  const p = prepared.prepared;
  const satisfaction = options.satisfaction ?? "cost";
  const rule = equalSharesRuleName({ ...options, satisfaction });
  if (p.voters === 0) {
    const chosen = options.completion === "add1-greedy" ? greedyFill(p, [], p.budget) : [];
    return { ok: true, allocation: describeOutcome(p, rule, chosen.map((project) => ({ project, fundedBy: "greedy-completion" as const, share: null })), null) };
  }
  const voters = BigInt(p.voters);
  const groups = groupBallots(p);
  let raisedBy = 0n;
  let run = equalSharesRun(p, groups, p.budget, satisfaction);
  if (options.completion !== "none") {
    // One full run per raise, as equalshares.net does: the outcome is not monotone in the share,
    // so no step can be skipped. The number of raises grows with the share per voter (a few dozen
    // for a city vote, some thousands for a small electorate with a large budget).
    while (!isExhaustive(p, run)) {
      const next = equalSharesRun(p, groups, p.budget + (raisedBy + 1n) * voters, satisfaction);
      if (next.cost > p.budget) break;
      run = next;
      raisedBy += 1n;
    }
  }
  const funded: Array<{ project: number; fundedBy: FundedBy; share: SupportersShare | null }> = run.fundings.map((f) => ({
    project: f.project,
    fundedBy: "equal-shares",
    share: {
      payers: f.payers,
      averagePayment: roundedCents(p.costs[f.project]!, BigInt(f.payers), "nearest"),
      maxPayment: roundedCents(f.maxPayment.numerator, f.maxPayment.denominator, "up"),
    },
  }));
  if (options.completion === "add1-greedy") {
    for (const project of greedyFill(p, run.fundings.map((f) => f.project), p.budget)) {
      funded.push({ project, fundedBy: "greedy-completion", share: null });
    }
  }
  const voterShare = roundedCents(p.budget + raisedBy * voters, voters, "down");
  return { ok: true, allocation: describeOutcome(p, rule, funded, { voterShare, raisedBy: Number(raisedBy) }) };
}

/**
 * Whether nothing more could come of raising the shares: no project with votes is left that fits
 * in what the outcome leaves of the budget. Projects without votes are not counted: equal shares
 * can never fund them, and counting them would raise the shares without end.
 */
function isExhaustive(p: Prepared, run: EqualSharesRun): boolean {
  const left = p.budget - run.cost;
  const funded = new Set(run.fundings.map((f) => f.project));
  for (let project = 0; project < p.ids.length; project++) {
    if (!funded.has(project) && p.votes[project]! > 0 && p.costs[project]! <= left) return false;
  }
  return true;
}

/** numerator / denominator currency units as a number with at most two decimals. */
function roundedCents(numerator: bigint, denominator: bigint, mode: "nearest" | "up" | "down"): number {
  const scaled = numerator * 100n;
  let cents = scaled / denominator;
  const rest = scaled % denominator;
  if (mode === "up" && rest > 0n) cents += 1n;
  if (mode === "nearest" && rest * 2n >= denominator) cents += 1n;
  return Number(cents) / 100;
}

function describeOutcome(
  p: Prepared,
  rule: AllocationRule,
  funded: Array<{ project: number; fundedBy: FundedBy; share: SupportersShare | null }>,
  equalShares: Allocation["equalShares"],
): Allocation {
  const byProject = new Map(funded.map((f, i) => [f.project, { ...f, order: i + 1 }]));
  const spent = funded.reduce((sum, f) => sum + p.costs[f.project]!, 0n);
  return {
    rule,
    budget: Number(p.budget),
    spent: Number(spent),
    funded: funded.map((f) => p.ids[f.project]!),
    projects: p.ids.map((id, project) => {
      const chosen = byProject.get(project);
      return {
        id,
        cost: Number(p.costs[project]),
        votes: p.votes[project]!,
        funded: Boolean(chosen),
        order: chosen?.order ?? null,
        fundedBy: chosen?.fundedBy ?? null,
        share: chosen?.share ?? null,
      };
    }),
    equalShares,
  };
}

/**
 * How a rule works, in words for the results page: the catalog keys (app/i18n/votes.ts) of its
 * sentences, in reading order.
 */
export function allocationRuleInWords(rule: AllocationRule): VoteMessageKey[] {
  const closing: VoteMessageKey[] = ["vote.allocation.unsupported", "vote.allocation.ties"];
  if (rule === "greedy") return ["vote.allocation.greedy", ...closing];
  const options = equalSharesOptionsOf(rule);
  if (!options) throw new Error(`unknown allocation rule ${rule}`);
  const words: VoteMessageKey[] = [
    "vote.allocation.equalShares",
    options.satisfaction === "count" ? "vote.allocation.equalShares.count" : "vote.allocation.equalShares.cost",
  ];
  if (options.completion !== "none") words.push("vote.allocation.completion.add1");
  if (options.completion === "add1-greedy") words.push("vote.allocation.completion.greedy");
  return [...words, ...closing];
}

/** One project in a side-by-side comparison of rules: its votes and cost, and what each rule did. */
export interface ComparedProject {
  id: string;
  cost: number;
  votes: number;
  /** Per rule, in the order asked: whether it funds the project, and for equal shares what it cost its supporters. */
  outcomes: Array<{ rule: AllocationRule; funded: boolean; share: SupportersShare | null }>;
}

/**
 * The outcomes of several rules on one election, project by project (most votes first, the tie
 * order), for the results page's comparison table.
 */
export function compareAllocations(
  election: BudgetElection,
  rules: readonly AllocationRule[],
): { ok: true; projects: ComparedProject[]; allocations: Allocation[] } | { ok: false; reason: AllocationRefusal; projectId?: string } {
  const allocations: Allocation[] = [];
  for (const rule of rules) {
    const result = allocateByRule(election, rule);
    if (!result.ok) return result;
    allocations.push(result.allocation);
  }
  const prepared = prepare(election);
  if (!prepared.ok) return prepared;
  const p = prepared.prepared;
  const projects = p.byVotes.map((project) => ({
    id: p.ids[project]!,
    cost: Number(p.costs[project]),
    votes: p.votes[project]!,
    outcomes: allocations.map((a) => {
      const result = a.projects[project]!;
      return { rule: a.rule, funded: result.funded, share: result.share };
    }),
  }));
  return { ok: true, projects, allocations };
}

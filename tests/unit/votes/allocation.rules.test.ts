import { describe, expect, it } from "vitest";
import * as votesCatalog from "~/i18n/votes";
import {
  allocateByRule,
  allocateEqualShares,
  allocateGreedy,
  allocationRuleInWords,
  compareAllocations,
  compareProjectIds,
  equalSharesOptionsOf,
  equalSharesRuleName,
  type Allocation,
  type AllocationResult,
  type BudgetElection,
  type Completion,
  type Satisfaction,
} from "~/modules/votes/allocation.rules";
import { seededRandom as rng } from "../../bench/budget";

function allocation(result: AllocationResult): Allocation {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.allocation;
}

/** `count` voters who each approve `projects`. */
function ballots(count: number, projects: string[]): string[][] {
  return Array.from({ length: count }, () => projects);
}

const project = (id: string, cost: number) => ({ id, cost });

describe("greedy by votes", () => {
  // e: most votes but dearer than the budget; a and b tie on votes (b cheaper); d: nobody's choice.
  const election: BudgetElection = {
    budget: 100,
    projects: [project("a", 60), project("b", 50), project("c", 40), project("d", 10), project("e", 120)],
    ballots: [["e", "a", "b"], ["e", "a", "b"], ["e", "a", "c"], ["e", "b", "c"], ["e"]],
  };

  it("funds by votes, cheaper first on equal votes, skips what no longer fits, never what nobody chose", () => {
    const result = allocation(allocateGreedy(election));
    expect(result.funded).toEqual(["b", "c"]);
    expect(result.spent).toBe(90);
    expect(result.rule).toBe("greedy");
    const byId = Object.fromEntries(result.projects.map((p) => [p.id, p]));
    expect(byId.e).toMatchObject({ votes: 5, funded: false });
    expect(byId.a).toMatchObject({ votes: 3, funded: false });
    expect(byId.d).toMatchObject({ votes: 0, funded: false });
    expect(byId.b).toMatchObject({ votes: 3, funded: true, order: 1, fundedBy: "votes", share: null });
    expect(byId.c).toMatchObject({ votes: 2, funded: true, order: 2 });
  });

  it.each([
    [["9", "10"], "9"],
    [["10", "9"], "9"],
    [["b", "a"], "a"],
    [["010", "9"], "9"],
  ])("on equal votes and cost the lower project id goes first: %j -> %s", (ids, winner) => {
    const result = allocation(allocateGreedy({ budget: 10, projects: ids.map((id) => project(id, 10)), ballots: [ids] }));
    expect(result.funded).toEqual([winner]);
  });

  it("counts a project listed twice on one ballot once", () => {
    const result = allocation(allocateGreedy({ budget: 10, projects: [project("a", 10), project("b", 10)], ballots: [["a", "a"], ["b"], ["b"]] }));
    expect(result.projects.map((p) => p.votes)).toEqual([1, 2]);
    expect(result.funded).toEqual(["b"]);
  });
});

describe("the Method of Equal Shares", () => {
  // The 51/49 example of the literature: 51 voters want only red projects, 49 only blue ones,
  // all cost 100, the budget pays for ten. Greedy funds ten red projects; equal shares with add-one
  // funds five of each.
  const reds = Array.from({ length: 10 }, (_, i) => `r${i}`);
  const blues = Array.from({ length: 10 }, (_, i) => `b${i}`);
  const redAndBlue: BudgetElection = {
    budget: 1000,
    projects: [...reds, ...blues].map((id) => project(id, 100)),
    ballots: [...ballots(51, reds), ...ballots(49, blues)],
  };

  it("gives a 49% minority its share where greedy gives it nothing", () => {
    expect(allocation(allocateGreedy(redAndBlue)).funded).toEqual(reds);
    const plain = allocation(allocateEqualShares(redAndBlue, { completion: "none" }));
    // Each red costs red voters 100/51 of their 10, each blue 100/49: five reds, then four blues.
    expect(plain.funded).toEqual([...reds.slice(0, 5), ...blues.slice(0, 4)]);
    expect(plain.spent).toBe(900);
    const completed = allocation(allocateEqualShares(redAndBlue, { completion: "add1" }));
    // With 11 each the blue voters afford a fifth blue (5 × 100/49 ≤ 11), the reds no sixth red.
    expect(completed.funded).toEqual([...reds.slice(0, 5), ...blues.slice(0, 5)]);
    expect(completed.equalShares).toEqual({ voterShare: 11, raisedBy: 1 });
    expect(completed.rule).toBe("equalshares/add1");
  });

  it("reports what each funded project cost its supporters", () => {
    const plain = allocation(allocateEqualShares(redAndBlue, { completion: "none" }));
    const r0 = plain.projects.find((p) => p.id === "r0")!;
    expect(r0).toMatchObject({ funded: true, order: 1, fundedBy: "equal-shares", share: { payers: 51, averagePayment: 1.96, maxPayment: 1.97 } });
  });

  it("lets supporters who have little left pay all of it and the others the rest", () => {
    // 5 voters with 10 each. q (32, by v1 v2 v4 v5) goes first at 8 each, leaving them 2.
    // p (12, by v1 v2 v3): v1 and v2 pay their last 2, v3 pays 8.
    const election: BudgetElection = {
      budget: 50,
      projects: [project("p", 12), project("q", 32)],
      ballots: [["p", "q"], ["p", "q"], ["p"], ["q"], ["q"]],
    };
    const result = allocation(allocateEqualShares(election, { completion: "none" }));
    expect(result.funded).toEqual(["q", "p"]);
    expect(result.projects[0]).toMatchObject({ id: "p", share: { payers: 3, averagePayment: 4, maxPayment: 8 } });
    expect(result.projects[1]).toMatchObject({ id: "q", share: { payers: 4, averagePayment: 8, maxPayment: 8 } });
  });

  it("funds nothing its supporters cannot pay for: not a project dearer than the budget, not one nobody chose", () => {
    const election: BudgetElection = {
      budget: 100,
      projects: [project("big", 150), project("small", 30), project("orphan", 10)],
      ballots: [["big", "small"], ["big"], ["big", "small"], ["big"]],
    };
    for (const completion of ["none", "add1"] as Completion[]) {
      const result = allocation(allocateEqualShares(election, { completion }));
      expect(result.funded, completion).toEqual(["small"]);
    }
    // Greedy completion spends the rest on what still fits and has votes: still not the orphan.
    expect(allocation(allocateEqualShares(election, { completion: "add1-greedy" })).funded).toEqual(["small"]);
  });

  it("values projects by cost or by count, which can choose differently", () => {
    // 4 voters with 5 each. big (16, everyone): 4 each, 0.25 per euro. small (6, v1 v2): 3 each,
    // 0.5 per euro. By cost big goes first and small can no longer be paid; by count small goes
    // first (3 < 4) and big can no longer be paid.
    const election: BudgetElection = {
      budget: 20,
      projects: [project("big", 16), project("small", 6)],
      ballots: [["big", "small"], ["big", "small"], ["big"], ["big"]],
    };
    expect(allocation(allocateEqualShares(election, { completion: "none", satisfaction: "cost" })).funded).toEqual(["big"]);
    const byCount = allocation(allocateEqualShares(election, { completion: "none", satisfaction: "count" }));
    expect(byCount.funded).toEqual(["small"]);
    expect(byCount.rule).toBe("equalshares-count");
  });

  it("counts only supporters who still had money as payers", () => {
    // 4 voters with 10. a (30, v1 v2 v3) takes all they have; b (5, v1 v4) is then paid by v4 alone.
    const election: BudgetElection = { budget: 40, projects: [project("a", 30), project("b", 5)], ballots: [["a", "b"], ["a"], ["a"], ["b"]] };
    const result = allocation(allocateEqualShares(election, { completion: "none" }));
    expect(result.funded).toEqual(["a", "b"]);
    expect(result.projects[1]).toMatchObject({ share: { payers: 1, averagePayment: 5, maxPayment: 5 } });
  });

  it("re-checks a project whose earlier price equals the best one: it may win the tie", () => {
    // Per person (count), 9 voters with 10. f (12, v1 v2 v9) first at 4. B (20, v1 v2 v3) asked
    // 6.67 before f and 8 after it (v1 and v2 have 6 left); C (32, v4..v7) asks 8 throughout and
    // has more votes, so C goes before B.
    const election: BudgetElection = {
      budget: 90,
      projects: [project("f", 12), project("B", 20), project("C", 32)],
      ballots: [["f", "B"], ["f", "B"], ["B"], ["C"], ["C"], ["C"], ["C"], [], ["f"]],
    };
    expect(allocation(allocateEqualShares(election, { completion: "none", satisfaction: "count" })).funded).toEqual(["f", "C", "B"]);
  });

  it("breaks an exact tie by votes, then cost, then id", () => {
    // x and y both ask 1/3 per euro of their supporters (3 voters each, 10 each).
    const election: BudgetElection = {
      budget: 60,
      projects: [project("y", 30), project("x", 30), project("z", 15)],
      ballots: [["x", "y"], ["x", "y"], ["x", "y"], [], [], []],
    };
    expect(allocation(allocateEqualShares(election, { completion: "none" })).funded).toEqual(["x"]);
  });
});

describe("add-one completion", () => {
  it("raises the shares while the outcome stays within the budget", () => {
    // 3 voters with 10. y (15, all) first: 5 each left; x (12, v1 v2) needs 12 of their 10.
    // With 11 each: y leaves 6 each and x is paid: 27 of 30, and nothing else fits.
    const election: BudgetElection = {
      budget: 30,
      projects: [project("x", 12), project("y", 15)],
      ballots: [["x", "y"], ["x", "y"], ["y"]],
    };
    expect(allocation(allocateEqualShares(election, { completion: "none" })).funded).toEqual(["y"]);
    const completed = allocation(allocateEqualShares(election, { completion: "add1" }));
    expect(completed.funded).toEqual(["y", "x"]);
    expect(completed.spent).toBe(27);
    expect(completed.equalShares).toEqual({ voterShare: 11, raisedBy: 1 });
  });

  it("stops at the first raise whose outcome exceeds the budget, keeping the one before", () => {
    // 2 voters with 5. A (6, both) first. At 6 each nothing more is paid; at 7 each both B and C
    // (4 each, one supporter each) are paid: 14 > 10, so add-one keeps {A} at 6 each. Greedy
    // completion then adds B (equal votes and cost as C, lower id).
    const election: BudgetElection = {
      budget: 10,
      projects: [project("A", 6), project("B", 4), project("C", 4)],
      ballots: [["A", "B"], ["A", "C"]],
    };
    const completed = allocation(allocateEqualShares(election, { completion: "add1" }));
    expect(completed.funded).toEqual(["A"]);
    expect(completed.equalShares).toEqual({ voterShare: 6, raisedBy: 1 });
    const withGreedy = allocation(allocateEqualShares(election, { completion: "add1-greedy" }));
    expect(withGreedy.funded).toEqual(["A", "B"]);
    expect(withGreedy.projects.find((p) => p.id === "B")).toMatchObject({ fundedBy: "greedy-completion", share: null, order: 2 });
    expect(withGreedy.rule).toBe("equalshares/add1/greedy");
  });

  it("does not raise an outcome that already leaves nothing that fits", () => {
    const election: BudgetElection = { budget: 10, projects: [project("a", 10)], ballots: [["a"], ["a"]] };
    expect(allocation(allocateEqualShares(election, { completion: "add1" })).equalShares).toEqual({ voterShare: 5, raisedBy: 0 });
  });
});

describe("the outcome does not depend on the order of the input", () => {
  it("gives the same funded projects whatever the order of ballots and projects", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const election = randomElection(seed, 12, 60);
      const random = rng(seed * 7);
      const shuffled: BudgetElection = {
        budget: election.budget,
        projects: shuffle([...election.projects], random),
        ballots: shuffle(election.ballots.map((b) => shuffle([...b], random)), random),
      };
      for (const rule of ["greedy", "equalshares", "equalshares/add1/greedy"] as const) {
        expect(allocation(allocateByRule(shuffled, rule)).funded, `${seed} ${rule}`).toEqual(allocation(allocateByRule(election, rule)).funded);
      }
    }
  });
});

describe("against a plain reference implementation, voter by voter, in fractions", () => {
  it.each(["cost", "count"] as Satisfaction[])("agrees on 150 random small elections (%s)", (satisfaction) => {
    for (let seed = 1; seed <= 150; seed++) {
      const election = randomElection(seed, 2 + (seed % 9), 3 + (seed % 25));
      for (const completion of ["none", "add1"] as Completion[]) {
        const ours = allocation(allocateEqualShares(election, { completion, satisfaction })).funded;
        expect(ours, `seed ${seed} ${completion}`).toEqual(referenceEqualShares(election, satisfaction, completion));
      }
    }
  });
});

describe("comparing rules side by side", () => {
  it("lists every project by votes with what each rule did, and where they differ", () => {
    const election: BudgetElection = {
      budget: 30,
      projects: [project("r1", 10), project("r2", 10), project("r3", 10), project("b1", 10), project("z", 5)],
      ballots: [...ballots(4, ["r1", "r2", "r3"]), ...ballots(2, ["b1"])],
    };
    const compared = compareAllocations(election, ["greedy", "equalshares"]);
    if (!compared.ok) throw new Error(compared.reason);
    expect(compared.projects.map((p) => [p.id, p.votes, p.outcomes.map((o) => o.funded)])).toEqual([
      ["r1", 4, [true, true]],
      ["r2", 4, [true, true]],
      ["r3", 4, [true, false]],
      ["b1", 2, [false, true]],
      ["z", 0, [false, false]],
    ]);
    expect(compared.projects[3]!.outcomes[1]).toEqual({ rule: "equalshares", funded: true, share: { payers: 2, averagePayment: 5, maxPayment: 5 } });
    expect(compared.projects[0]!.outcomes[0]!.share).toBeNull();
  });
});

describe("bad input", () => {
  it.each([
    [{ budget: 10.5, projects: [project("a", 1)], ballots: [] }, "budget-not-whole"],
    [{ budget: 10, projects: [project("a", 0)], ballots: [] }, "cost-not-whole"],
    [{ budget: 10, projects: [project("a", 2.5)], ballots: [] }, "cost-not-whole"],
    [{ budget: 10, projects: [project("a", 1), project("a", 2)], ballots: [] }, "duplicate-project"],
    [{ budget: 10, projects: [project("a", 1)], ballots: [["b"]] }, "unknown-project-in-ballot"],
  ] as Array<[BudgetElection, string]>)("%j is refused as %s", (election, reason) => {
    expect(allocateGreedy(election)).toMatchObject({ ok: false, reason });
    expect(allocateEqualShares(election, { completion: "add1" })).toMatchObject({ ok: false, reason });
  });

  it("funds nothing by votes when nobody voted", () => {
    const election: BudgetElection = { budget: 10, projects: [project("a", 1)], ballots: [] };
    expect(allocation(allocateGreedy(election)).funded).toEqual([]);
    expect(allocation(allocateEqualShares(election, { completion: "add1-greedy" })).funded).toEqual([]);
  });
});

describe("rule names and words", () => {
  it.each([
    [{ completion: "none" }, "equalshares"],
    [{ completion: "add1" }, "equalshares/add1"],
    [{ completion: "add1-greedy" }, "equalshares/add1/greedy"],
    [{ completion: "add1", satisfaction: "count" }, "equalshares-count/add1"],
  ] as const)("%j is %s and back", (options, name) => {
    expect(equalSharesRuleName(options)).toBe(name);
    expect(equalSharesOptionsOf(name)).toEqual({ satisfaction: "cost", ...options });
  });

  it("states every rule in Dutch and English", () => {
    expect(Object.keys(votesCatalog.en).sort()).toEqual(Object.keys(votesCatalog.nl).sort());
    for (const rule of ["greedy", "equalshares", "equalshares/add1", "equalshares/add1/greedy", "equalshares-count"] as const) {
      const words = allocationRuleInWords(rule);
      expect(words.length).toBeGreaterThan(2);
      for (const key of words) {
        expect(votesCatalog.nl[key]).toBeTruthy();
        expect(votesCatalog.en[key]).toBeTruthy();
      }
    }
    expect(allocationRuleInWords("equalshares/add1/greedy")).toContain("vote.allocation.completion.greedy");
    expect(allocationRuleInWords("equalshares/add1")).not.toContain("vote.allocation.completion.greedy");
  });

  it("orders ids numerically when both are numbers", () => {
    expect(["10", "9", "b", "a", "2"].sort(compareProjectIds)).toEqual(["2", "9", "10", "a", "b"]);
  });
});

// --- helpers --------------------------------------------------------------------------------------

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Small elections with round costs, so exact ties happen often. */
function randomElection(seed: number, projectCount: number, voterCount: number): BudgetElection {
  const random = rng(seed);
  const projects = Array.from({ length: projectCount }, (_, i) => project(String(i + 1), 10 * (1 + Math.floor(random() * 6))));
  const budget = 10 * (3 + Math.floor(random() * 10));
  const ballots = Array.from({ length: voterCount }, () => projects.filter(() => random() < 0.35).map((p) => p.id));
  return { budget, projects, ballots };
}

/** Exact fractions for the reference: a / b with b > 0, not reduced. */
type Fraction = { n: bigint; d: bigint };
const frac = (n: bigint, d = 1n): Fraction => ({ n, d });
const sub = (a: Fraction, b: Fraction): Fraction => frac(a.n * b.d - b.n * a.d, a.d * b.d);
const div = (a: Fraction, k: bigint): Fraction => frac(a.n, a.d * k);
const cmp = (a: Fraction, b: Fraction) => {
  const x = a.n * b.d;
  const y = b.n * a.d;
  return x < y ? -1 : x > y ? 1 : 0;
};
const min = (a: Fraction, b: Fraction) => (cmp(a, b) <= 0 ? a : b);

/**
 * Equal shares written the way it is explained: every voter has a budget; for each project the
 * supporters are sorted by what they have and pay an equal split or all they have; the lowest
 * payment per unit wins; ties by votes, cost, id. Add-one as on equalshares.net.
 */
function referenceEqualShares(election: BudgetElection, satisfaction: Satisfaction, completion: Completion): string[] {
  const votes = new Map(election.projects.map((p) => [p.id, election.ballots.filter((b) => b.includes(p.id)).length]));
  const cost = new Map(election.projects.map((p) => [p.id, BigInt(p.cost)]));
  const n = BigInt(election.ballots.length);
  const run = (total: bigint) => {
    const money = election.ballots.map(() => frac(total, n));
    const winners: string[] = [];
    for (;;) {
      let best: { id: string; rho: Fraction; cap: Fraction } | null = null;
      for (const p of election.projects) {
        if (winners.includes(p.id) || votes.get(p.id) === 0) continue;
        const supporters = election.ballots.map((b, i) => (b.includes(p.id) ? i : -1)).filter((i) => i >= 0 && money[i]!.n > 0n);
        supporters.sort((a, b) => cmp(money[a]!, money[b]!));
        let need = frac(cost.get(p.id)!);
        let left = BigInt(supporters.length);
        let cap: Fraction | null = null;
        for (const i of supporters) {
          const split = div(need, left);
          if (cmp(split, money[i]!) <= 0) {
            cap = split;
            break;
          }
          need = sub(need, money[i]!);
          left -= 1n;
        }
        if (!cap) continue;
        const rho = satisfaction === "cost" ? div(cap, cost.get(p.id)!) : cap;
        const better =
          !best ||
          cmp(rho, best.rho) < 0 ||
          (cmp(rho, best.rho) === 0 &&
            (votes.get(p.id)! - votes.get(best.id)! || Number(cost.get(best.id)! - cost.get(p.id)!) || compareProjectIds(best.id, p.id)) > 0);
        if (better) best = { id: p.id, rho, cap };
      }
      if (!best) return winners;
      winners.push(best.id);
      election.ballots.forEach((b, i) => {
        if (b.includes(best!.id)) money[i] = sub(money[i]!, min(money[i]!, best!.cap));
      });
    }
  };
  const spend = (ids: string[]) => ids.reduce((s, id) => s + cost.get(id)!, 0n);
  const budget = BigInt(election.budget);
  if (n === 0n) return [];
  let outcome = run(budget);
  if (completion === "none") return outcome;
  for (let k = 1n; ; k++) {
    const left = budget - spend(outcome);
    const more = election.projects.some((p) => !outcome.includes(p.id) && votes.get(p.id)! > 0 && BigInt(p.cost) <= left);
    if (!more) return outcome;
    const next = run(budget + k * n);
    if (spend(next) > budget) return outcome;
    outcome = next;
  }
}


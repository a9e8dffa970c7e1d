// The allocation rules of a participatory budget on a city-sized vote: 10,000 approval ballots over
// 60 projects, from a seeded generator so every run measures the same election. Pure computation,
// no server: run it before the servers start so it has the machine to itself.
import { allocateEqualShares, allocateGreedy, type BudgetElection } from "~/modules/votes/allocation.rules";

/** mulberry32: a small seeded generator, the same numbers on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A budget of one million over `projects` projects costing 10,000 to 190,000; popularity is skewed
 * (a few projects are chosen by many), and each ballot stays within the budget, as the voting page
 * enforces.
 */
export function benchElection(seed: number, ballotCount: number, projectCount: number): BudgetElection {
  const random = seededRandom(seed);
  const budget = 1_000_000;
  const projects = Array.from({ length: projectCount }, (_, i) => ({ id: String(i + 1), cost: 10_000 * (1 + Math.floor(random() * 19)) }));
  const popularity = projects.map(() => random() ** 2 * 0.25);
  const ballots = Array.from({ length: ballotCount }, () => {
    const chosen: string[] = [];
    let total = 0;
    projects.forEach((project, i) => {
      if (random() < popularity[i]! && total + project.cost <= budget) {
        chosen.push(project.id);
        total += project.cost;
      }
    });
    return chosen;
  });
  return { budget, projects, ballots };
}

export function measureBudgetAllocation(ballots = 10_000, projects = 60) {
  // One small warm-up, so the figures are of compiled code rather than of the first interpretation.
  allocateEqualShares(benchElection(2, 1_000, projects), { completion: "add1" });
  const election = benchElection(1, ballots, projects);
  let started = performance.now();
  const greedy = allocateGreedy(election);
  const greedyMs = performance.now() - started;
  started = performance.now();
  const mes = allocateEqualShares(election, { completion: "add1" });
  const mesMs = performance.now() - started;
  if (!greedy.ok || !mes.ok) throw new Error("the bench election was refused");
  return {
    figures: { mesMs: Math.round(mesMs), greedyMs: Math.round(greedyMs * 10) / 10, ballots, projects },
    detail: {
      greedyFunded: greedy.allocation.funded.length,
      greedySpent: greedy.allocation.spent,
      mesFunded: mes.allocation.funded.length,
      mesSpent: mes.allocation.spent,
      raisedBy: mes.allocation.equalShares?.raisedBy,
    },
  };
}

// The "voting" section of `npm run bench` (BENCH_ONLY=voting runs only this): distinct eligible
// residents cast a ballot in a participatory budget through the real route (POST /votes/:id, the
// secret ballot's two records, group commit), against the bare node:http server doing a
// signature's writes, in the same run. Stored ballots must equal acknowledged ones.
import crypto from "node:crypto";
import type autocannon from "autocannon";

type Run = (options: autocannon.Options) => Promise<autocannon.Result & { seconds: number }>;

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
/** A ballot code as the voting form carries it (the loader makes one per page view). */
const ballotCode = () => Array.from(crypto.randomBytes(26), (b) => BASE32[b & 31]).join("");

export async function votingBench(ctx: {
  appPort: number;
  /** The bare server's run for the ratio (run.ts). */
  runBare: (amount: number, prefix: string) => Promise<autocannon.Result & { seconds: number }>;
  run: Run;
  seedPeople: (count: number, prefix: string) => string[];
  count: number;
  log: (...args: unknown[]) => void;
}) {
  const { sqlite } = await import("~/utils/db.server");
  const { createVote, listOptions } = await import("~/modules/votes/votes.server");
  const { db } = await import("~/utils/db.server");
  const clerk = { id: "bench-clerk", roles: ["clerk" as const], emailVerified: true, blocked: false };
  const project = (title: string, cost: number) => ({ title, description: "", cost, imageUrl: null, imageAlt: null, linkedTopicId: null });
  const created = createVote(clerk, {
    title: "Wat doen we met een miljoen voor de wijken?",
    body: "Kies projecten binnen het budget.",
    ballotType: "budget",
    maxChoices: undefined,
    budget: 1_000_000,
    minProjects: undefined,
    maxProjects: undefined,
    allocationRule: "equalshares/add1",
    opensAt: new Date(Date.now() - 3_600_000),
    closesAt: new Date(Date.now() + 86_400_000),
    eligibleWho: "confirmed-accounts",
    minimumAge: undefined,
    neighbourhoodId: undefined,
    resultsShown: "after-closing",
    options: Array.from({ length: 12 }, (_, i) => project(`Project ${i + 1}`, 100_000 + 25_000 * i)),
  });
  if (!created.ok) throw new Error(`vote set-up failed: ${created.reason}`);
  const id = created.topicId;
  const optionIds = listOptions(db, id).map((o) => o.id);

  // BENCH_VOTING_REMIX=1 also sends as many through Remix itself (a query string keeps a post off
  // the fast path), to show what the fast path is worth.
  const viaRemix = process.env.BENCH_VOTING_REMIX === "1";
  const cookies = ctx.seedPeople(ctx.count * (viaRemix ? 2 : 1) + 100, "voter");
  const requests = (list: string[], query = "") => {
    let next = 0;
    return {
      url: `http://127.0.0.1:${ctx.appPort}`,
      requests: [
        {
          method: "POST" as const,
          path: `/votes/${id}${query}`,
          setupRequest: (req: autocannon.Request) => {
            const n = next++;
            // Two or three projects each, well within the budget, spread over all twelve.
            const picks = [optionIds[n % 12]!, optionIds[(n * 7 + 3) % 12]!, ...(n % 3 === 0 ? [optionIds[(n * 5 + 1) % 12]!] : [])];
            const body = new URLSearchParams([["intent", "cast"], ["ballotCode", ballotCode()], ...[...new Set(picks)].map((o) => ["option", String(o)])]).toString();
            return { ...req, headers: { ...req.headers, cookie: list[n % list.length]!, "content-type": "application/x-www-form-urlencoded" }, body };
          },
        },
      ],
    };
  };
  ctx.log("voting: warming up");
  await ctx.run({ ...requests(cookies.slice(0, 100)), connections: 10, amount: 100 });
  ctx.log(`voting: ${ctx.count} distinct eligible residents cast a ballot through the real route, 50 connections`);
  const app = await ctx.run({ ...requests(cookies.slice(100, 100 + ctx.count)), connections: 50, amount: ctx.count });
  const remix = viaRemix ? await ctx.run({ ...requests(cookies.slice(100 + ctx.count), "?through=remix"), connections: 50, amount: ctx.count }) : null;
  const bare = await ctx.runBare(ctx.count * 5, "voter");
  const perSec = (r: { requests: { total: number }; seconds: number }) => r.requests.total / Math.max(0.001, r.seconds);
  const statusStats = (app as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  const succeeded = statusStats["302"]?.count ?? 0;
  const remixSucceeded = remix ? ((remix as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats?.["302"]?.count ?? 0) : 0;
  // The warm-up's hundred (and the Remix run's) are counted too: taken off, so stored is what this run acknowledged.
  const others = 100 + remixSucceeded;
  const stored = (sqlite().prepare("SELECT count(*) AS n FROM ballots WHERE topic_id = ?").get(id) as { n: number }).n - others;
  const participations = (sqlite().prepare("SELECT count(*) AS n FROM vote_participations WHERE topic_id = ?").get(id) as { n: number }).n - others;
  const counter = (sqlite().prepare("SELECT ballot_count AS n FROM votes WHERE topic_id = ?").get(id) as { n: number }).n - others;
  const voting = {
    appPerSec: Math.round(perSec(app)),
    barePerSec: Math.round(perSec(bare)),
    ratio: Math.round((perSec(app) / perSec(bare)) * 100) / 100,
    p99Ms: app.latency.p99,
    stored,
    succeeded,
  };
  const remixFigures = remix ? { remixPerSec: Math.round(perSec(remix)), remixRatio: Math.round((perSec(remix) / perSec(bare)) * 100) / 100, remixP99Ms: remix.latency.p99, remixSucceeded } : {};
  ctx.log("voting", { ...voting, ...remixFigures, participations, counter, errors: app.errors, statusCodes: Object.fromEntries(Object.entries(statusStats).map(([k, v]) => [k, v.count])) });
  return voting;
}

// The "support" section of `npm run bench` (BENCH_ONLY=support runs only this): residents support
// an agenda proposal with one click through the real route (the fast path in front of Remix,
// group commit, the eligibility of verified residents), against the bare node:http server doing a
// signature's writes, in the same run. Stored must equal acknowledged.
import type autocannon from "autocannon";

type Run = (options: autocannon.Options) => Promise<autocannon.Result & { seconds: number }>;

export async function supportBench(ctx: {
  appPort: number;
  /** The bare server's run for the ratio (run.ts). */
  runBare: (amount: number, prefix: string) => Promise<autocannon.Result & { seconds: number }>;
  run: Run;
  seedPeople: (count: number, prefix: string) => string[];
  count: number;
  log: (...args: unknown[]) => void;
}) {
  const { sqlite } = await import("~/utils/db.server");
  const { updateSettings } = await import("~/modules/settings/settings.server");
  const { decideAdmissibility, draftProposal, submitProposal } = await import("~/modules/proposals/proposals.server");
  // A threshold out of reach: the section measures supporting, not the move to the council.
  updateSettings(null, { proposalThresholdType: "absolute", proposalThresholdAbsolute: 1_000_000, proposalWhoMaySupport: "verified-residents", proposalMinimumAge: 16 });
  const author = { id: "bench-author", roles: ["resident"] as const, emailVerified: true, blocked: false };
  const clerk = { id: "bench-clerk", roles: ["clerk"] as const, emailVerified: true, blocked: false };
  const drafted = draftProposal({ ...author, roles: [...author.roles] }, { title: "Een drinkwatertappunt in elk park", decision: "De raad besluit in elk park een drinkwatertappunt te plaatsen.", reasons: "Voor de benchmark.", neighbourhoodId: null });
  if (!drafted.ok) throw new Error(`draft failed: ${drafted.reason}`);
  const id = drafted.topicId;
  if (!submitProposal({ ...author, roles: [...author.roles] }, id).ok) throw new Error("submit failed");
  if (!decideAdmissibility({ ...clerk, roles: [...clerk.roles] }, id, { decision: { admissible: true }, note: null, earlierTopicId: null }).ok) throw new Error("admit failed");

  const cookies = ctx.seedPeople(ctx.count + 100, "supporter");
  // Verified residents of age: what the verordening asks of a supporter.
  sqlite().prepare("UPDATE users SET resident_verified_at = ?, birth_date = '1980-01-01' WHERE id LIKE 'supporter-%'").run(Date.now());

  const requests = (list: string[]) => {
    let next = 0;
    return {
      url: `http://127.0.0.1:${ctx.appPort}`,
      requests: [
        {
          method: "POST" as const,
          path: `/proposals/${id}/support`,
          setupRequest: (req: autocannon.Request) => ({ ...req, headers: { ...req.headers, cookie: list[next++ % list.length]!, "content-type": "application/x-www-form-urlencoded" }, body: "" }),
        },
      ],
    };
  };
  ctx.log("support: warming up");
  await ctx.run({ ...requests(cookies.slice(0, 100)), connections: 10, amount: 100 });
  ctx.log(`support: ${ctx.count} distinct verified residents through the real route, 50 connections`);
  const app = await ctx.run({ ...requests(cookies.slice(100)), connections: 50, amount: ctx.count });
  const bare = await ctx.runBare(ctx.count * 5, "support");
  const perSec = (r: { requests: { total: number }; seconds: number }) => r.requests.total / Math.max(0.001, r.seconds);
  const succeeded = (app as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats?.["302"]?.count ?? 0;
  // The warm-up's hundred are counted too: taken off, so stored is what this run acknowledged.
  const stored = (sqlite().prepare("SELECT count(*) AS n FROM supports WHERE topic_id = ? AND status = 'counted' AND user_id LIKE 'supporter-%'").get(id) as { n: number }).n - 100;
  const counter = (sqlite().prepare("SELECT support_count AS n FROM topics WHERE id = ?").get(id) as { n: number }).n - 100;
  const support = {
    appPerSec: Math.round(perSec(app)),
    barePerSec: Math.round(perSec(bare)),
    ratio: Math.round((perSec(app) / perSec(bare)) * 100) / 100,
    p99Ms: app.latency.p99,
    stored,
    succeeded,
  };
  ctx.log("support", { ...support, counter, errors: app.errors, non2xx3xx: app.non2xx - succeeded });
  return support;
}

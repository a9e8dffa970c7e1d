// `npx tsx tests/bench/bylaw.ts` (after a build): issue #12's draft bylaw at consultation scale, a
// bylaw of 60 articles with 300 amendments (supported and opposed), in a database of its own. Times
// the public page and the comparison of two versions, each rendered whole by the production build's
// request handler (no HTTP), and the clerk's consolidation of 20 accepted amendments into a new
// version (the use case itself: proposal, merge, writes). The last line is one JSON object.
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

const TMP = path.resolve("tests/.tmp/bench-bylaw");
const ARTICLES = Number(process.env.BENCH_BYLAW_ARTICLES ?? 60);
const AMENDMENTS = Number(process.env.BENCH_BYLAW_AMENDMENTS ?? 300);
const ACCEPTED = 20;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);

fs.rmSync(TMP, { recursive: true, force: true });
fs.mkdirSync(TMP, { recursive: true });
process.env.DATABASE_PATH = path.join(TMP, "app.db");
process.env.DEMO = "false";
process.env.JOBS = "false";
process.env.LOG_LEVEL = "silent";

const log = (...args: unknown[]) => console.log("[bench]", ...args);
await import("~/kinds.server");
const { sqlite } = await import("~/utils/db.server");
const { createDraft, publishBylaw, proposeAmendment, takeAmendmentStance, decideAmendment, publishVersion, versionProposal } = await import("~/modules/bylaws/bylaws.server");
const { db } = await import("~/utils/db.server");

const person = (id: string, roles: Array<"resident" | "clerk">) => ({ id, roles, emailVerified: true, blocked: false });
const raw = sqlite();
const insertUser = raw.prepare("INSERT INTO users (id, email, email_canonical, display_name, locale, email_preference, email_verified_at, created_at) VALUES (?, ?, ?, ?, 'nl', 'off', ?, ?)");
const insertRole = raw.prepare("INSERT INTO user_roles (user_id, role) VALUES (?, ?)");
raw.transaction(() => {
  insertUser.run("bench-clerk", "clerk@bench.example", "clerk@bench.example", "Griffie", Date.now(), Date.now());
  insertRole.run("bench-clerk", "clerk");
  for (let i = 0; i < AMENDMENTS; i++) {
    insertUser.run(`bench-r${i}`, `r${i}@bench.example`, `r${i}@bench.example`, `Inwoner ${i}`, Date.now(), Date.now());
    insertRole.run(`bench-r${i}`, "resident");
  }
})();
const clerk = person("bench-clerk", ["clerk"]);
const resident = (i: number) => person(`bench-r${i % AMENDMENTS}`, ["resident"]);

const articleText = (n: number) =>
  `1. Het college kan voor het gebruik van de openbare ruimte bij artikel ${n} een vergunning verlenen aan een ondernemer die daarom vraagt.\n` +
  `2. De vergunning geldt voor ten hoogste vijf jaar en kan worden ingetrokken als de houder zich niet aan de voorschriften houdt.\n` +
  `3. Het college stelt regels over de breedte van de vrije doorgang, de openingstijden en het schoonhouden van de omgeving.`;
const markdown = `# Verordening openbare ruimte\n\nInleiding.\n\n${Array.from({ length: ARTICLES }, (_, i) => `## Artikel ${i + 1}. Onderwerp ${i + 1}\n\n${articleText(i + 1)}`).join("\n\n")}\n`;

const started = performance.now();
const must = <T extends { ok: boolean }>(r: T): T => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r;
};
const { topicId } = must(createDraft(clerk, { title: "Verordening openbare ruimte", summary: "", markdown, closesAt: new Date(Date.now() + 30 * 86_400_000) })) as { topicId: number };
must(publishBylaw(clerk, { topicId }));
const articles = versionProposal(db, topicId)!.base.articles;
const amendmentIds: number[] = [];
for (let i = 0; i < AMENDMENTS; i++) {
  const article = articles[i % ARTICLES]!;
  // Each amendment changes a different word of its article, so the accepted ones merge cleanly.
  const words = ["vijf", "college", "ondernemer", "openingstijden", "breedte"];
  const word = words[Math.floor(i / ARTICLES) % words.length]!;
  const text = article.body.replace(word, `${word} (gewijzigd ${i})`);
  const r = must(proposeAmendment(resident(i), { topicId, articleId: article.articleId, type: "replace", heading: "", text, rationale: `Toelichting bij amendement ${i}: zo is het duidelijker.` })) as { amendmentId: number };
  amendmentIds.push(r.amendmentId);
  must(takeAmendmentStance(resident(i + 1), { topicId, amendmentId: r.amendmentId, stance: "support" }));
  must(takeAmendmentStance(resident(i + 2), { topicId, amendmentId: r.amendmentId, stance: i % 3 === 0 ? "oppose" : "support" }));
}
// 20 accepted, on 20 different articles.
const accepted = amendmentIds.slice(0, ACCEPTED);
for (const id of accepted) must(decideAmendment(clerk, { topicId, amendmentId: id, decision: "accept", reason: null }));
log(`bylaw: ${ARTICLES} articles, ${AMENDMENTS} amendments, ${AMENDMENTS * 2} stances seeded in ${Math.round(performance.now() - started)} ms`);

// The consolidation: read the proposal (merge of every accepted amendment) and publish version 2.
const t0 = performance.now();
const proposal = versionProposal(db, topicId)!;
must(publishVersion(clerk, { topicId, amendmentIds: proposal.amendmentIds, texts: {}, headings: {}, removed: new Set(), resolved: new Set(), note: "Twintig amendementen verwerkt." }));
const consolidateMs = performance.now() - t0;

const { createRequestHandler } = await import("@remix-run/node");
const build = await import(pathToFileURL(path.resolve(process.env.BUILD_DIR ?? "build", "server/index.js")).href);
const handler = createRequestHandler(build, "production");
async function time(url: string): Promise<{ p50Ms: number; p95Ms: number }> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS + 3; i++) {
    const t = performance.now();
    const response = await handler(new Request(`http://localhost:3000${url}`, { headers: { "Accept-Language": "nl" } }));
    const body = await response.text();
    if (response.status !== 200 || body.length < 1000) throw new Error(`${url} answered ${response.status}`);
    if (i >= 3) times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50Ms: times[Math.floor(times.length / 2)]!, p95Ms: times[Math.floor(times.length * 0.95)]! };
}
const page = await time(`/bylaws/${topicId}`);
const diff = await time(`/bylaws/${topicId}/versions?from=1&to=2`);
const round = (n: number) => Math.round(n * 10) / 10;
log("bylaw page", page, "comparison", diff, "consolidation", round(consolidateMs));
console.log(JSON.stringify({ bylaw: { articles: ARTICLES, amendments: AMENDMENTS, pageMs: round(page.p50Ms), pageP95Ms: round(page.p95Ms), diffMs: round(diff.p50Ms), diffP95Ms: round(diff.p95Ms), consolidateMs: round(consolidateMs) } }));
process.exit(0);

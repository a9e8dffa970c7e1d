// `npx tsx tests/bench/petition-mailings.ts`: how long recording the council's response, adding a
// next step and closing at the deadline on a petition with many confirmed signers hold SQLite's
// write lock, and how long each batch of the fan-out to the signers holds it. Prints the figures;
// the last line is one JSON object.
// BENCH_SIGNERS (30000) and BENCH_ACCOUNT_SHARE (0.2, the share of signers with an account) vary it.
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";

const TMP = path.resolve("tests/.tmp/bench-mailings");
const SIGNERS = Number(process.env.BENCH_SIGNERS ?? 30_000);
/** The share of signers with an account (they also get an in-app notice). */
const ACCOUNT_SHARE = Number(process.env.BENCH_ACCOUNT_SHARE ?? 0.2);

fs.rmSync(TMP, { recursive: true, force: true });
fs.mkdirSync(TMP, { recursive: true });
process.env.DATABASE_PATH = path.join(TMP, "app.db");
process.env.DEMO = "false";
process.env.JOBS = "false";
process.env.SMTP_URL = "";
process.env.LOG_LEVEL = "silent";

const log = (...args: unknown[]) => console.log("[bench]", ...args);

// The composition root first: the kinds, their support policies (the mailing finds its supporters through them) and the site settings.
await import("~/kinds.server");
const { db, sqlite } = await import("~/utils/db.server");
const schema = await import("#db/schema");
const { addPetitionNextStep, closeExpiredPetitions, createPetition, submitPetition, publishPetition, recordResponse } = await import(
  "~/modules/petitions/petitions.lifecycle.server"
);
const { mailSupportersBatch: mailSignersBatch } = await import("~/modules/support/support.mailings.server");

db.transaction((tx) => {
  for (const [id, role] of [["bench-author", "resident"], ["bench-clerk", "clerk"]] as const) {
    tx.insert(schema.users).values({ id, email: `${id}@bench.example`, emailCanonical: `${id}@bench.example`, displayName: id, emailVerifiedAt: new Date() }).run();
    tx.insert(schema.userRoles).values({ userId: id, role }).run();
  }
});
const author = { id: "bench-author", roles: ["resident"], emailVerified: true, blocked: false };
const clerk = { id: "bench-clerk", roles: ["clerk"], emailVerified: true, blocked: false };

function openPetition(title: string): number {
  const created = createPetition(author, { title, request: "Wij vragen de gemeenteraad om een antwoord aan iedereen.", background: "" } as never);
  if (!created.ok) throw new Error(created.reason);
  submitPetition(author, created.topicId);
  publishPetition(clerk, created.topicId);
  return created.topicId;
}
// A server is warm: one small decision and its fan-out first, so the figures are not the first calls'.
const warmUp = openPetition("Een kleine petitie om op te warmen");
const topicId = openPetition("Een petitie met heel veel ondertekenaars");

/** Confirmed signatures straight into the table; a share of them by residents with an account. */
function bulkSign(topicId: number, count: number) {
  const raw = sqlite();
  const insertUser = raw.prepare("INSERT INTO users (id, email, email_canonical, display_name, locale, email_preference, email_verified_at, created_at) VALUES (?, ?, ?, ?, 'nl', ?, ?, ?)");
  const insert = raw.prepare(
    `INSERT INTO signatures (topic_id, user_id, name, email, email_canonical, status, locale, created_at, confirmed_at)
     VALUES (?, ?, ?, ?, ?, 'confirmed', ?, ?, ?)`,
  );
  const at = Date.now() - 86_400_000;
  raw.transaction(() => {
    const accountEvery = ACCOUNT_SHARE > 0 ? Math.round(1 / ACCOUNT_SHARE) : 0;
    for (let i = 0; i < count; i++) {
      const email = `s${topicId}-${i}@bench.example`;
      let userId: string | null = null;
      if (accountEvery && i % accountEvery === 0) {
        userId = `u${topicId}-${i}`;
        insertUser.run(userId, email, email, `Bewoner ${i}`, i % 3 === 0 ? "immediate" : i % 3 === 1 ? "digest" : "off", at, at);
      }
      insert.run(topicId, userId, `Ondertekenaar ${i}`, email, email, i % 7 === 0 ? "en" : "nl", at, at);
    }
    raw.prepare("UPDATE topics SET support_count = support_count + ? WHERE id = ?").run(count, topicId);
  })();
}
bulkSign(warmUp, 600);
recordResponse(clerk, warmUp, { body: "Het antwoord.", responsibleBody: "Gemeenteraad" });
while (mailSignersBatch()) {
  /* warming up */
}
bulkSign(topicId, SIGNERS);
sqlite().pragma("wal_checkpoint(TRUNCATE)");
log(`${SIGNERS} confirmed signers, ${Math.round(SIGNERS * ACCOUNT_SHARE)} with an account`);

// The same decision on a petition nobody signed: the fixed cost of a decision, for comparison.
const empty = openPetition("Een petitie zonder ondertekenaars");
let t0 = performance.now();
recordResponse(clerk, empty, { body: "De raad neemt het verzoek over.", responsibleBody: "Gemeenteraad" });
const emptyDecisionMs = performance.now() - t0;

const outboxCount = () => (sqlite().prepare("SELECT count(*) AS n FROM email_outbox").get() as { n: number }).n;
const before = outboxCount();
t0 = performance.now();
const result = recordResponse(clerk, topicId, { body: "De raad neemt het verzoek over.", responsibleBody: "Gemeenteraad" });
const decisionMs = performance.now() - t0;
if (!result.ok) throw new Error(result.reason);
const enqueuedByDecision = outboxCount() - before;
log(`decision transaction: ${decisionMs.toFixed(1)} ms, ${enqueuedByDecision} emails enqueued in it`);

/** Runs the fan-out to the end, one batch after another; the figures of its batches. */
function fanOut() {
  const times: number[] = [];
  const started = performance.now();
  for (;;) {
    const t = performance.now();
    const batch = mailSignersBatch();
    if (!batch) break;
    times.push(performance.now() - t);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    batches: times.length,
    batchMedianMs: round(sorted[Math.floor(sorted.length / 2)] ?? 0),
    batchMaxMs: round(sorted.at(-1) ?? 0),
    totalMs: round(performance.now() - started),
  };
}
const noticeCount = () => (sqlite().prepare("SELECT count(*) AS n FROM notifications").get() as { n: number }).n;

const response = fanOut();
const mailed = outboxCount() - before - enqueuedByDecision;
log(`response fan-out: ${response.batches} batches, median ${response.batchMedianMs} ms, max ${response.batchMaxMs} ms, ${mailed} emails`);

// A next step: every signer with an account hears of it (inbox, and email by their preference).
let notices = noticeCount();
t0 = performance.now();
const step = addPetitionNextStep(clerk, topicId, { description: "Het college maakt een plan." });
const nextStepMs = performance.now() - t0;
if (!step.ok) throw new Error(step.reason);
const noticesByNextStep = noticeCount() - notices;
log(`next step transaction: ${nextStepMs.toFixed(1)} ms, ${noticesByNextStep} notices written in it`);
notices = noticeCount();
const nextStep = fanOut();
const noticesByNextStepFanOut = noticeCount() - notices;
log(`next step fan-out: ${nextStep.batches} batches, median ${nextStep.batchMedianMs} ms, max ${nextStep.batchMaxMs} ms, ${noticesByNextStepFanOut} notices`);

// Closing at the deadline: the same audience.
sqlite().prepare("UPDATE topics SET closes_at = ? WHERE id = ?").run(Date.now() - 60_000, topicId);
notices = noticeCount();
t0 = performance.now();
closeExpiredPetitions();
const closeMs = performance.now() - t0;
const noticesByClose = noticeCount() - notices;
log(`closing transaction: ${closeMs.toFixed(1)} ms, ${noticesByClose} notices written in it`);
const close = fanOut();

const figures = {
  signers: SIGNERS,
  accountSigners: Math.round(SIGNERS * ACCOUNT_SHARE),
  decisionMs: round(decisionMs),
  emptyDecisionMs: round(emptyDecisionMs),
  enqueuedByDecision,
  batches: response.batches,
  batchMedianMs: response.batchMedianMs,
  batchMaxMs: response.batchMaxMs,
  fanOutTotalMs: response.totalMs,
  mailedByFanOut: mailed,
  nextStepMs: round(nextStepMs),
  noticesByNextStep,
  nextStepBatches: nextStep.batches,
  nextStepBatchMedianMs: nextStep.batchMedianMs,
  nextStepBatchMaxMs: nextStep.batchMaxMs,
  nextStepFanOutTotalMs: nextStep.totalMs,
  noticesByNextStepFanOut,
  closeMs: round(closeMs),
  noticesByClose,
  closeBatchMaxMs: close.batchMaxMs,
};
log(figures);
console.log(JSON.stringify(figures));

function round(n: number) {
  return Math.round(n * 10) / 10;
}

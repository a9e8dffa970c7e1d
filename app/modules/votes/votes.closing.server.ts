// Closing a vote at its closing time, by a job: the count is worked out (for budgets under the
// vote's rule and the comparison rule), recorded as the vote's outcome through the outcome service
// (which tells its followers once), then every voter is told in batches with a cursor, so each
// hears once even when the job stops half-way. After a close, the write-ahead log is truncated so
// it no longer holds the casting transactions in the order they came (docs/decisions/005).
import { and, asc, eq, gt, inArray, isNotNull, isNull } from "drizzle-orm";
import { follows, topics, voteParticipations, votes } from "#db/schema";
import { translator } from "~/i18n";
import { notify } from "~/modules/notifications/notifications.server";
import { activeRecipients } from "~/modules/participation/recipients.server";
import { getSetting } from "~/modules/settings/settings.server";
import { db, sqlite } from "~/utils/db.server";
import { yieldEvery } from "~/utils/jobs.yield";
import { computeBudgetResult, type BudgetResult } from "./votes.results.server";
import { dueVoteIds, findVote, listOptions, voteTimeline, type VoteOption } from "./votes.server";
import { COUNTED_STATES } from "./votes.rules";

/** Voters told per transaction. */
export const VOTERS_BATCH = 500;

/** The outcome's text: the count in the municipality's language, in markdown (closing, and an imported vote). */
export function countedOutcomeText(ballotCount: number, options: ReadonlyArray<Pick<VoteOption, "id" | "title" | "voteCount">>, result: BudgetResult | null): string {
  const t = translator(getSetting("defaultLocale") ?? "nl");
  const lines = [t("vote.outcome.ballots", { count: ballotCount })];
  if (result) {
    const funded = new Set(result.projects.filter((p) => p.outcomes[0]?.funded).map((p) => p.id));
    const names = options.filter((o) => funded.has(String(o.id))).map((o) => `- ${o.title}`);
    lines.push("", t("vote.outcome.funded", { rule: t(`vote.setup.rule.${result.rule}` as "vote.setup.rule.greedy") }), "", ...(names.length ? names : [t("vote.outcome.none")]));
  } else {
    const top = Math.max(0, ...options.map((o) => o.voteCount));
    const winners = options.filter((o) => o.voteCount === top && top > 0).map((o) => o.title);
    lines.push("", winners.length ? t("vote.outcome.most", { options: winners.join(", "), count: top }) : t("vote.outcome.none"));
  }
  return lines.join("\n");
}

/**
 * Closes one vote whose closing time has passed: the result, the status, the outcome with its
 * timeline event and the notice to followers, in one transaction. The count is read first (a read,
 * no lock held); nothing is cast meanwhile, since casting checks the closing time. Returns false
 * when it was closed already (another run, another process).
 */
export function closeVote(topicId: number, now = new Date()): boolean {
  const vote = findVote(db, topicId);
  if (!vote || vote.status !== "open" || !vote.closesAt || vote.closesAt > now) return false;
  const result = computeBudgetResult(db, vote);
  const body = countedOutcomeText(vote.ballotCount, listOptions(db, vote.id), result);
  return db.transaction((tx) => {
    const closed = tx.update(topics).set({ status: "closed", closedAt: now, updatedAt: now }).where(and(eq(topics.id, topicId), eq(topics.status, "open"))).run();
    if (closed.changes !== 1) return false;
    tx.update(votes).set({ result: result as unknown as Record<string, unknown> | null }).where(eq(votes.topicId, topicId)).run();
    voteTimeline.recordOutcome(tx, {
      topicId, type: "counted", payload: { ballots: vote.ballotCount }, actor: null, at: now,
      outcome: { type: "result", body },
      audit: { action: "vote.close", before: { status: "open" }, after: { status: "closed", ballots: vote.ballotCount } },
      notice: { type: "vote.notice.counted", data: { title: vote.title }, audience: ["followers"] },
    });
    return true;
  });
}

/**
 * Tells the next batch of a closed vote's voters the result, in one transaction with the cursor:
 * those following it heard through the outcome service already. Returns how many it handled; null
 * when no closed vote has voters left to tell.
 */
export function tellVotersBatch(now = new Date(), limit = VOTERS_BATCH): number | null {
  return db.transaction((tx) => {
    const vote = tx
      .select({ topicId: votes.topicId, after: votes.votersToldAfter, title: topics.title, hidden: topics.hidden })
      .from(votes)
      .innerJoin(topics, eq(topics.id, votes.topicId))
      .where(and(eq(topics.kind, "vote"), inArray(topics.status, [...COUNTED_STATES]), isNull(votes.votersToldAt), isNotNull(topics.closedAt)))
      .orderBy(asc(votes.topicId))
      .limit(1)
      .get();
    if (!vote) return null;
    const voters = tx
      .select({ userId: voteParticipations.userId })
      .from(voteParticipations)
      .where(and(eq(voteParticipations.topicId, vote.topicId), gt(voteParticipations.userId, vote.after ?? "")))
      .orderBy(asc(voteParticipations.userId))
      .limit(limit)
      .all()
      .map((r) => r.userId);
    const following = voters.length
      ? new Set(tx.select({ userId: follows.userId }).from(follows).where(and(eq(follows.topicId, vote.topicId), inArray(follows.userId, voters))).all().map((r) => r.userId))
      : new Set<string>();
    // Nothing is told about a hidden vote; its voters are passed over like its followers were.
    if (!vote.hidden) {
      notify(tx, activeRecipients(tx, voters.filter((id) => !following.has(id)), now), {
        type: "vote.notice.counted",
        topicId: vote.topicId,
        data: { title: vote.title },
        link: `/votes/${vote.topicId}/results`,
        eventKey: `vote-counted:${vote.topicId}`,
      });
    }
    const done = voters.length < limit;
    tx.update(votes)
      .set({ votersToldAfter: voters.length ? voters[voters.length - 1]! : vote.after, votersToldAt: done ? now : null })
      .where(and(eq(votes.topicId, vote.topicId), vote.after === null ? isNull(votes.votersToldAfter) : eq(votes.votersToldAfter, vote.after)))
      .run();
    return voters.length;
  });
}

/**
 * The job: closes the votes that are due, tells their voters batch by batch for at most budgetMs,
 * and after a close truncates the write-ahead log. What is left waits for the next run.
 */
export async function closeDueVotes(now = new Date(), budgetMs = 2_000): Promise<number> {
  const started = Date.now();
  let closed = 0;
  for (const id of dueVoteIds(now, 20)) {
    if (closeVote(id, now)) closed++;
    await yieldEvery();
  }
  let told = 0;
  while (Date.now() - started < budgetMs) {
    const handled = tellVotersBatch(now);
    if (handled === null) break;
    told += handled;
    await yieldEvery();
  }
  if (closed > 0) sqlite().pragma("wal_checkpoint(TRUNCATE)");
  return closed + told;
}

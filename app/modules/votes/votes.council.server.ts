// What the council does with a vote (the council module reads this through the manifest): a vote
// whose results are in (closed, counted) awaits the council; the council's decision decides it and
// keeps its results as counted (the decision is published as its outcome beside the result).
import { and, eq } from "drizzle-orm";
import { topics, type VoteState } from "#db/schema";
import type { KindCouncilPart } from "~/modules/topics/topics.kinds.server";
import { afterCouncilDecision } from "./votes.rules";

export const voteCouncil = {
  awaitingIn: ["closed"] satisfies VoteState[],
  decidedIn: ["decided"] satisfies VoteState[],
  applyDecision(tx, { topicId, decision, at }) {
    const row = tx.select({ status: topics.status }).from(topics).where(and(eq(topics.id, topicId), eq(topics.kind, "vote"))).get();
    if (!row) return { ok: false, reason: "vote.error.notFound" };
    const next = afterCouncilDecision(row.status, decision);
    if (!next.ok) return { ok: false, reason: "vote.error.notCounted" };
    if (next.next === row.status) return { ok: true };
    const moved = tx.update(topics).set({ status: next.next, updatedAt: at }).where(and(eq(topics.id, topicId), eq(topics.status, row.status))).run();
    return moved.changes === 1 ? { ok: true } : { ok: false, reason: "vote.error.notCounted" };
  },
} satisfies KindCouncilPart;

// What the council does with an agenda proposal (the council module reads this through the
// manifest): a proposal past its threshold awaits the council; the council's decision (adopted,
// rejected, amended) decides it, while referring it back leaves it awaiting; the briefing shows the
// clerks' admissibility note.
import { and, eq, inArray } from "drizzle-orm";
import { proposals, topics, type ProposalState } from "#db/schema";
import type { KindCouncilPart } from "~/modules/topics/topics.kinds.server";
import { db } from "~/utils/db.server";
import { move } from "./proposals.rules";

export const proposalCouncil = {
  awaitingIn: ["threshold-reached"] satisfies ProposalState[],
  decidedIn: ["decided"] satisfies ProposalState[],
  applyDecision(tx, { topicId, decision, at }) {
    if (decision === "referred") return { ok: true };
    const row = tx.select({ status: topics.status }).from(topics).where(and(eq(topics.id, topicId), eq(topics.kind, "proposal"))).get();
    if (!row) return { ok: false, reason: "proposal.error.notFound" };
    const next = move(row.status as ProposalState, "decide", { by: "council" });
    if (!next.ok) return { ok: false, reason: "proposal.error.notAllowedNow" };
    const moved = tx.update(topics).set({ status: next.next, updatedAt: at }).where(and(eq(topics.id, topicId), eq(topics.status, row.status))).run();
    return moved.changes === 1 ? { ok: true } : { ok: false, reason: "proposal.error.notAllowedNow" };
  },
  admissibilityNotes(topicIds) {
    const notes = new Map<number, string>();
    for (let i = 0; i < topicIds.length; i += 500) {
      const rows = db
        .select({ id: proposals.topicId, note: proposals.admissibilityNote })
        .from(proposals)
        .where(inArray(proposals.topicId, topicIds.slice(i, i + 500)))
        .all();
      for (const r of rows) if (r.note) notes.set(r.id, r.note);
    }
    return notes;
  },
} satisfies KindCouncilPart;

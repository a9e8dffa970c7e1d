// What the council does with a draft bylaw (the council module reads this through the manifest): a
// bylaw awaits the council once its consultation closed with its report; the council's decision
// (adopted, rejected, amended) is its outcome and ends its life here; referred back, it still awaits.
import { and, eq } from "drizzle-orm";
import { topics } from "#db/schema";
import type { KindCouncilPart } from "~/modules/topics/topics.kinds.server";
import { councilTransition } from "./bylaws.rules";

export const bylawCouncil = {
  awaitingIn: ["closed"],
  decidedIn: ["decided"],
  applyDecision(tx, { topicId, decision, at }) {
    const bylaw = tx.select({ status: topics.status }).from(topics).where(and(eq(topics.id, topicId), eq(topics.kind, "bylaw"))).get();
    if (!bylaw) return { ok: false, reason: "bylaw.error.notFound" };
    const next = councilTransition(bylaw.status, decision);
    if (!next.ok) return { ok: false, reason: "bylaw.error.notClosed" };
    if (next.to === bylaw.status) return { ok: true };
    const moved = tx.update(topics).set({ status: next.to, updatedAt: at }).where(and(eq(topics.id, topicId), eq(topics.status, bylaw.status))).run();
    return moved.changes === 1 ? { ok: true } : { ok: false, reason: "bylaw.error.notClosed" };
  },
} satisfies KindCouncilPart;

// The council's decision on an agenda item, recorded by a clerk: in one transaction the kind moves
// its topic on (its manifest's council part), the outcome is published with its timeline event,
// audit entry and one notice to everyone who supports or follows the topic (the outcome service),
// and a next step is opened when the clerk names one. The item takes one decision: a repeat of the
// same post finds it and writes and tells nothing.
import { and, eq } from "drizzle-orm";
import { agendaItems, COUNCIL_OUTCOME_TYPE, councilDecisions, outcomes, topics, type CouncilDecision } from "#db/schema";
import type { MessageKey } from "~/i18n";
import { addNextStep, recordOutcome, type EventActor } from "~/modules/topics/outcomes.server";
import type { SharedEvents } from "~/modules/topics/timeline.events";
import { isRegisteredKind } from "~/modules/topics/topics.kinds";
import { kindServerManifest } from "~/modules/topics/topics.kinds.server";
import { db } from "~/utils/db.server";
import { refuse, type Outcome } from "~/utils/refusal";
import { decisionDateProblem, type MeetingRefusal } from "./council.rules";
import { findMeeting } from "./council.meetings.server";

export interface DecisionInput {
  decision: CouncilDecision;
  body: string;
  decidedAt: Date;
  nextStep?: { description: string; dueAt: Date | null } | null;
}

const DATE_REFUSALS: Partial<Record<MeetingRefusal, MessageKey>> = {
  "decision-in-future": "council.error.decisionInFuture",
  "decision-before-meeting": "council.error.decisionBeforeMeeting",
};

/** The agenda item with its meeting and topic, as the decision page shows it. */
export function findAgendaItem(meetingId: number, itemId: number) {
  return db
    .select({ id: agendaItems.id, position: agendaItems.position, meetingId: agendaItems.meetingId, topicId: agendaItems.topicId, topicTitle: topics.title, topicKind: topics.kind, topicStatus: topics.status })
    .from(agendaItems)
    .leftJoin(topics, eq(topics.id, agendaItems.topicId))
    .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)))
    .get();
}

export function decisionOn(itemId: number) {
  return db.select().from(councilDecisions).where(eq(councilDecisions.agendaItemId, itemId)).get();
}

export function recordCouncilDecision(
  actor: EventActor,
  ref: { meetingId: number; itemId: number },
  input: DecisionInput,
  now = new Date(),
): Outcome<{ decisionId: number; already: boolean; topicId: number }> {
  return db.transaction((tx): Outcome<{ decisionId: number; already: boolean; topicId: number }> => {
    const meeting = findMeeting(ref.meetingId, tx);
    const item = meeting && tx.select().from(agendaItems).where(and(eq(agendaItems.id, ref.itemId), eq(agendaItems.meetingId, meeting.id))).get();
    if (!meeting || !item) return refuse("council.error.itemNotFound");
    if (item.topicId === null) return refuse("council.error.notDecidable");
    const earlier = tx.select({ id: councilDecisions.id }).from(councilDecisions).where(eq(councilDecisions.agendaItemId, item.id)).get();
    if (earlier) return { ok: true, decisionId: earlier.id, already: true, topicId: item.topicId };
    const dateProblem = decisionDateProblem(input.decidedAt, meeting.startsAt, now);
    if (dateProblem) return refuse(DATE_REFUSALS[dateProblem] ?? "council.error.notDecidable", "date");
    const topic = tx.select({ id: topics.id, kind: topics.kind, title: topics.title, status: topics.status }).from(topics).where(eq(topics.id, item.topicId)).get();
    if (!topic || !isRegisteredKind(topic.kind)) return refuse("council.error.topicNotFound");
    const council = kindServerManifest(topic.kind).council;
    if (!council) return refuse("council.error.notDecidable");
    const applied = council.applyDecision(tx, { topicId: topic.id, decision: input.decision, at: input.decidedAt });
    // The kind's refusal rolls the transaction back: nothing of the decision is written.
    if (!applied.ok) return applied;
    const published = recordOutcome<SharedEvents, "council-decided">(tx, {
      topicId: topic.id,
      type: "council-decided",
      payload: { agendaItemId: item.id, reason: `timeline.decision.${input.decision}` },
      actor,
      // Recorded now: the supporters reached are those who counted when the clerk published it.
      at: now,
      outcome: { type: COUNCIL_OUTCOME_TYPE, result: input.decision, body: input.body, responsibleBody: null },
      audit: { action: "council.record-decision", before: { status: topic.status }, after: { decision: input.decision, meetingId: meeting.id, agendaItemId: item.id } },
      notice: {
        type: `council.notification.decided.${input.decision}`,
        data: { title: topic.title },
        audience: ["followers", "supporters", "author"],
        email: "outcome",
      },
    });
    if (!published.ok) return published;
    // The outcome is dated by the council's decision, not by when the clerk recorded it.
    if (!published.already) tx.update(outcomes).set({ decidedAt: input.decidedAt }).where(eq(outcomes.id, published.outcomeId)).run();
    const decisionId = tx
      .insert(councilDecisions)
      .values({
        topicId: topic.id, agendaItemId: item.id, decision: input.decision, body: input.body, decidedAt: input.decidedAt,
        outcomeId: published.already ? null : published.outcomeId, recordedBy: actor.id, createdAt: now,
      })
      .returning({ id: councilDecisions.id })
      .get().id;
    if (input.nextStep) {
      addNextStep(tx, {
        topicId: topic.id, actor, at: now,
        step: { description: input.nextStep.description, dueAt: input.nextStep.dueAt, responsibleBody: null },
        audit: { action: "council.add-next-step" },
        notice: { type: "council.notification.nextStep", data: { title: topic.title } },
      });
    }
    return { ok: true, decisionId, already: false, topicId: topic.id };
  });
}

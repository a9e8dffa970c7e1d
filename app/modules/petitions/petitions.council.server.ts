// What the council does with a petition (the council module reads this through the manifest): a
// petition awaits the council once it asked for a written response or a debate; the council's
// decision on it is its debate (or, when only a response was asked, its response); placing it on
// a meeting's agenda plans its debate for that meeting.
import { and, eq } from "drizzle-orm";
import { topics } from "#db/schema";
import type { KindCouncilPart } from "~/modules/topics/topics.kinds.server";
import type { Tx } from "~/utils/db.server";
import { AWAITING_COUNCIL_STATES, transition, type PetitionEvent } from "./petitions.rules";
import { findPetition, refused, stateOf, writeState, type Result } from "./petitions.server";

/** The petition's own move for the council's decision; referring it back leaves it awaiting the council. */
function decisionEvent(status: string, decision: string): PetitionEvent | null {
  if (decision === "referred") return null;
  return status === "debate-scheduled" ? { type: "record-debate" } : { type: "respond" };
}

/** Moves the petition on, but only from the status it was read with (another request may have moved it first). */
function moveOn(tx: Tx, topicId: number, event: PetitionEvent, at: Date): Result {
  const p = findPetition(topicId);
  if (!p) return refused("not-respondable");
  const result = transition(stateOf(p), event, { now: at });
  if (!result.ok) return refused(result.reason);
  const moved = tx.update(topics).set({ status: result.next.status, updatedAt: at }).where(and(eq(topics.id, topicId), eq(topics.status, p.status))).run();
  if (moved.changes !== 1) return refused("not-respondable");
  writeState(tx, topicId, result.next, at);
  return { ok: true };
}

export const petitionCouncil = {
  awaitingIn: AWAITING_COUNCIL_STATES,
  decidedIn: ["responded", "debated"],
  applyDecision(tx, { topicId, decision, at }) {
    const p = findPetition(topicId);
    if (!p) return refused("not-respondable");
    const event = decisionEvent(p.status, decision);
    return event ? moveOn(tx, topicId, event, at) : { ok: true };
  },
  placedOnAgenda(tx, { topicId, meetingAt, at }) {
    // A petition already debated keeps its record; the agenda item stands on its own.
    moveOn(tx, topicId, { type: "schedule-debate", meetingAt }, at);
  },
} satisfies KindCouncilPart;

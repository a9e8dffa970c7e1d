// The council's rules, pure: when a meeting takes agenda items, how an agenda is reordered, when a
// decision may be recorded, and how the briefing groups what it shows. Nothing here reads or writes.
import { COUNCIL_DECISIONS, type CouncilDecision } from "#db/schema/council.constants";

const DAY = 86_400_000;

export const LIMITS = {
  titleMin: 3,
  titleMax: 160,
  placeMax: 160,
  descriptionMax: 2000,
  positionMin: 10,
  positionMax: 5000,
  decisionMin: 10,
  decisionMax: 20_000,
} as const;

/** How many items a briefing page and a meetings page show. */
export const BRIEFING_PAGE_SIZE = 25;
export const MEETINGS_PAGE_SIZE = 20;
/** The strongest arguments the briefing shows per side; the dossier shows more. */
export const BRIEFING_ARGUMENTS = 2;
export const DOSSIER_ARGUMENTS = 5;
/** The related topics a briefing card shows (the dossier searches for more). */
export const BRIEFING_RELATED = 3;

export type MeetingRefusal = "meeting-in-past" | "meeting-not-found" | "topic-not-awaiting" | "item-not-found" | "already-decided" | "decision-before-meeting" | "decision-in-future";

/** A new meeting is planned from today on: a meeting that is over is recorded, not planned. */
export function isPlannable(startsAt: Date, now: Date): boolean {
  return startsAt.getTime() > now.getTime();
}

/** A meeting takes new agenda items until it begins: its agenda is fixed once it is under way. */
export function takesAgendaItems(meeting: { startsAt: Date }, now: Date): boolean {
  return meeting.startsAt.getTime() > now.getTime();
}

/** Upcoming until it has begun; the lists split there. */
export function isUpcoming(meeting: { startsAt: Date }, now: Date): boolean {
  return meeting.startsAt.getTime() > now.getTime();
}

/** The number a new item gets: after the last one. */
export function nextPosition(positions: readonly number[]): number {
  return positions.reduce((max, p) => Math.max(max, p), 0) + 1;
}

export type Direction = "up" | "down";

/**
 * The agenda after moving one item a place up or down: the two items swap numbers. Null when the
 * move is not possible (the first item up, the last down, an item not on this agenda), so a
 * repeated or stale post changes nothing.
 */
export function moveItem<T extends { id: number; position: number }>(items: readonly T[], itemId: number, direction: Direction): Array<{ id: number; position: number }> | null {
  const ordered = [...items].sort((a, b) => a.position - b.position);
  const at = ordered.findIndex((item) => item.id === itemId);
  if (at === -1) return null;
  const other = direction === "up" ? at - 1 : at + 1;
  if (other < 0 || other >= ordered.length) return null;
  return [
    { id: ordered[at]!.id, position: ordered[other]!.position },
    { id: ordered[other]!.id, position: ordered[at]!.position },
  ];
}

/** Renumbers an agenda 1, 2, 3... in its current order (after an item was taken off). */
export function renumber<T extends { id: number; position: number }>(items: readonly T[]): Array<{ id: number; position: number }> {
  return [...items].sort((a, b) => a.position - b.position).map((item, index) => ({ id: item.id, position: index + 1 }));
}

/**
 * A decision is taken at the meeting or after it (a clerk records it later), never before the
 * meeting's day and never in the future.
 */
export function decisionDateProblem(decidedAt: Date, meetingStartsAt: Date, now: Date): MeetingRefusal | null {
  if (decidedAt.getTime() > now.getTime() + DAY) return "decision-in-future";
  const meetingDay = new Date(meetingStartsAt);
  meetingDay.setUTCHours(0, 0, 0, 0);
  if (decidedAt.getTime() < meetingDay.getTime()) return "decision-before-meeting";
  return null;
}

export const isCouncilDecision = (value: string): value is CouncilDecision => (COUNCIL_DECISIONS as readonly string[]).includes(value);

/** Whether a decision leaves the matter with the council (referred back: it comes back on a later agenda). */
export const keepsAwaiting = (decision: CouncilDecision) => decision === "referred";

/** The share of each neighbourhood in a topic's support, in whole percentages, largest first. */
export function spread<T extends { count: number }>(rows: readonly T[], total: number): Array<T & { percent: number }> {
  return [...rows]
    .sort((a, b) => b.count - a.count)
    .map((row) => ({ ...row, percent: total > 0 ? Math.round((row.count / total) * 100) : 0 }));
}

/** The arguments of one side, most supported first (upvotes, then the oldest), at most `limit`. */
export function strongestArguments<T extends { upvoteCount: number; createdAt: Date; id: number }>(rows: readonly T[], limit: number): T[] {
  return [...rows].sort((a, b) => b.upvoteCount - a.upvoteCount || a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id).slice(0, limit);
}

/** Whether a viewer reads a position: public ones everyone who reads the dossier, internal ones councillors and clerks. */
export function readsPosition(position: { visibility: string }, mayReadInternal: boolean): boolean {
  return position.visibility === "public" || mayReadInternal;
}

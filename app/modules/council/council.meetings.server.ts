// The council's meetings and their agendas, one use case per function: a clerk plans a meeting,
// places topics awaiting the council (or free items) on its agenda and reorders it. Placing a topic
// is a timeline event that tells its supporters and followers once (the outcome service), in the
// same transaction as the item. Returns { ok: true, ... } or { ok: false, reason } (a message key).
import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { agendaItems, councilDecisions, meetings, topics, type TopicKind } from "#db/schema";
import type { SharedEvents } from "~/modules/topics/timeline.events";
import { recordTopicEvent, type EventActor } from "~/modules/topics/outcomes.server";
import { isRegisteredKind } from "~/modules/topics/topics.kinds";
import { kindServerManifest, registeredServerKinds } from "~/modules/topics/topics.kinds.server";
import { topicPath } from "~/modules/topics/topics.paths";
import { recordAudit } from "~/utils/audit.server";
import { db, type DB, type Tx } from "~/utils/db.server";
import type { PageCursor } from "~/utils/keyset";
import { keysetCondition, keysetOrderBy, keysetPage } from "~/utils/keyset.server";
import { localDay } from "~/utils/local-time";
import { refuse, type Outcome } from "~/utils/refusal";
import type { MeetingBody } from "#db/schema/council.constants";
import { isPlannable, MEETINGS_PAGE_SIZE, moveItem, nextPosition, takesAgendaItems, type Direction } from "./council.rules";

export interface MeetingInput {
  body: MeetingBody;
  title: string;
  startsAt: Date;
  place: string;
  isPublic: boolean;
  submissionKey?: string | null;
}

/** A clerk plans a meeting; a repeat of the same form (its submission key) answers with the meeting it made. */
export function createMeeting(actor: EventActor, input: MeetingInput, now = new Date()): Outcome<{ meetingId: number }> {
  if (!isPlannable(input.startsAt, now)) return refuse("council.error.meetingInPast", "date");
  return db.transaction((tx): Outcome<{ meetingId: number }> => {
    if (input.submissionKey) {
      const earlier = tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.submissionKey, input.submissionKey)).get();
      if (earlier) return { ok: true, meetingId: earlier.id };
    }
    const meetingId = tx
      .insert(meetings)
      .values({ body: input.body, title: input.title, startsAt: input.startsAt, place: input.place, isPublic: input.isPublic, createdBy: actor.id, createdAt: now, submissionKey: input.submissionKey ?? null })
      .returning({ id: meetings.id })
      .get().id;
    recordAudit(tx, { actorId: actor.id, action: "meeting.create", entityType: "meeting", entityId: meetingId, after: { body: input.body, title: input.title, startsAt: input.startsAt, place: input.place, isPublic: input.isPublic } });
    return { ok: true, meetingId };
  });
}

export type Meeting = typeof meetings.$inferSelect;

export function findMeeting(meetingId: number, tx: DB | Tx = db): Meeting | undefined {
  return tx.select().from(meetings).where(eq(meetings.id, meetingId)).get();
}

/** A meeting's agenda in order, each item with its topic (when it links one) and the decision recorded on it. */
export function meetingAgenda(meetingId: number) {
  const rows = db
    .select({
      id: agendaItems.id, position: agendaItems.position, title: agendaItems.title, description: agendaItems.description,
      topicId: agendaItems.topicId, topicTitle: topics.title, topicKind: topics.kind, topicHidden: topics.hidden, topicStatus: topics.status,
      decision: councilDecisions.decision, decidedAt: councilDecisions.decidedAt,
    })
    .from(agendaItems)
    .leftJoin(topics, eq(topics.id, agendaItems.topicId))
    .leftJoin(councilDecisions, eq(councilDecisions.agendaItemId, agendaItems.id))
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position))
    .all();
  return rows.map((r) => ({
    ...r,
    // A hidden topic stays on the agenda under a neutral title; its link leads nowhere public.
    path: r.topicId !== null && r.topicKind && isRegisteredKind(r.topicKind) && !r.topicHidden ? topicPath({ id: r.topicId, kind: r.topicKind }) : null,
    decidable: r.topicId !== null && r.decision === null,
  }));
}

/** Whether a topic awaits the council now: its kind declares a council part and it is in one of its statuses. */
export function awaitsCouncil(topic: { kind: string; status: string; hidden: boolean }): boolean {
  if (topic.hidden || !isRegisteredKind(topic.kind)) return false;
  const council = kindServerManifest(topic.kind).council;
  return Boolean(council && council.awaitingIn.includes(topic.status));
}

/**
 * A clerk puts a topic awaiting the council, or a free item, on a meeting's agenda (at the end).
 * A meeting that has begun takes no new items. Placing a topic that is already on this agenda is
 * the same request: it answers with the item and tells no one again.
 */
export function placeOnAgenda(
  actor: EventActor,
  meetingId: number,
  input: { topicId?: number; title?: string; description?: string },
  now = new Date(),
): Outcome<{ itemId: number; already: boolean }> {
  return db.transaction((tx): Outcome<{ itemId: number; already: boolean }> => {
    const meeting = findMeeting(meetingId, tx);
    if (!meeting) return refuse("council.error.meetingNotFound");
    if (!takesAgendaItems(meeting, now)) return refuse("council.error.meetingInPast");
    const positions = tx.select({ position: agendaItems.position }).from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).all().map((r) => r.position);
    const position = nextPosition(positions);
    if (input.topicId === undefined) {
      const itemId = tx
        .insert(agendaItems)
        .values({ meetingId, position, title: input.title ?? "", description: input.description ?? "", createdAt: now })
        .returning({ id: agendaItems.id })
        .get().id;
      recordAudit(tx, { actorId: actor.id, action: "meeting.add-item", entityType: "meeting", entityId: meetingId, after: { itemId, position, title: input.title } });
      return { ok: true, itemId, already: false };
    }
    const topic = tx.select({ id: topics.id, kind: topics.kind, status: topics.status, hidden: topics.hidden, title: topics.title }).from(topics).where(eq(topics.id, input.topicId)).get();
    if (!topic) return refuse("council.error.topicNotAwaiting", "topicId");
    const earlier = tx.select({ id: agendaItems.id }).from(agendaItems).where(and(eq(agendaItems.meetingId, meetingId), eq(agendaItems.topicId, topic.id))).get();
    if (earlier) return { ok: true, itemId: earlier.id, already: true };
    if (!awaitsCouncil(topic)) return refuse("council.error.topicNotAwaiting", "topicId");
    const itemId = tx
      .insert(agendaItems)
      .values({ meetingId, position, topicId: topic.id, description: input.description ?? "", createdAt: now })
      .returning({ id: agendaItems.id })
      .get().id;
    kindServerManifest(topic.kind).council?.placedOnAgenda?.(tx, { topicId: topic.id, meetingAt: meeting.startsAt, at: now });
    const date = localDay(meeting.startsAt);
    recordTopicEvent<SharedEvents, "placed-on-agenda">(tx, {
      topicId: topic.id,
      type: "placed-on-agenda",
      payload: { meetingId, meeting: meeting.title, date },
      actor,
      at: now,
      audit: { action: "meeting.place-topic", after: { meetingId, itemId, position } },
      notice: { type: "council.notification.placedOnAgenda", data: { title: topic.title, meeting: meeting.title, date }, audience: ["followers", "supporters"] },
    });
    return { ok: true, itemId, already: false };
  });
}

/** A clerk moves an agenda item a place up or down (the two swap numbers); a move that is not possible changes nothing. */
export function moveAgendaItem(actor: EventActor, meetingId: number, itemId: number, direction: Direction, now = new Date()): Outcome {
  return db.transaction((tx): Outcome => {
    const meeting = findMeeting(meetingId, tx);
    if (!meeting) return refuse("council.error.meetingNotFound");
    if (!takesAgendaItems(meeting, now)) return refuse("council.error.meetingInPast");
    const items = tx.select({ id: agendaItems.id, position: agendaItems.position }).from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).all();
    if (!items.some((item) => item.id === itemId)) return refuse("council.error.itemNotFound");
    const moves = moveItem(items, itemId, direction);
    if (!moves) return { ok: true };
    // Through a free number first: (meeting, position) is unique at every statement.
    tx.update(agendaItems).set({ position: -1 }).where(eq(agendaItems.id, moves[0]!.id)).run();
    tx.update(agendaItems).set({ position: moves[1]!.position }).where(eq(agendaItems.id, moves[1]!.id)).run();
    tx.update(agendaItems).set({ position: moves[0]!.position }).where(eq(agendaItems.id, moves[0]!.id)).run();
    recordAudit(tx, { actorId: actor.id, action: "meeting.move-item", entityType: "meeting", entityId: meetingId, after: { itemId, direction } });
    return { ok: true };
  });
}

export type MeetingsWhen = "upcoming" | "past";

/**
 * One page of the upcoming (soonest first) or past (latest first) meetings, by key (starts_at,
 * id); closed meetings only for those who may read them.
 */
export function listMeetings(query: { when: MeetingsWhen; cursor: PageCursor | null; withClosed: boolean; now?: Date; size?: number }) {
  const now = query.now ?? new Date();
  const size = query.size ?? MEETINGS_PAGE_SIZE;
  const order = { columns: [meetings.startsAt, meetings.id], descending: query.when === "past" };
  const rows = db
    .select({ id: meetings.id, body: meetings.body, title: meetings.title, startsAt: meetings.startsAt, place: meetings.place, isPublic: meetings.isPublic })
    .from(meetings)
    .where(
      and(
        query.withClosed ? undefined : eq(meetings.isPublic, true),
        query.when === "upcoming" ? sql`${meetings.startsAt} > ${now.getTime()}` : sql`${meetings.startsAt} <= ${now.getTime()}`,
        keysetCondition(order, query.cursor),
      ),
    )
    .orderBy(...keysetOrderBy(order, query.cursor))
    .limit(size + 1)
    .all();
  const page = keysetPage(rows, size, query.cursor, (r) => [r.startsAt.getTime(), r.id]);
  return { meetings: page.rows, next: page.next, prev: page.prev };
}

/** The meetings (with their item numbers) that the given topics are on, latest first: for the briefing and the dossier. */
export function meetingsOfTopics(topicIds: readonly number[]) {
  if (topicIds.length === 0) return new Map<number, Array<{ meetingId: number; title: string; startsAt: Date; position: number; itemId: number }>>();
  const rows = db
    .select({ topicId: agendaItems.topicId, itemId: agendaItems.id, position: agendaItems.position, meetingId: meetings.id, title: meetings.title, startsAt: meetings.startsAt })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(and(inArray(agendaItems.topicId, [...topicIds]), isNotNull(agendaItems.topicId)))
    .orderBy(desc(meetings.startsAt))
    .all();
  const byTopic = new Map<number, Array<{ meetingId: number; title: string; startsAt: Date; position: number; itemId: number }>>();
  for (const { topicId, ...row } of rows) {
    const list = byTopic.get(topicId!) ?? [];
    list.push(row);
    byTopic.set(topicId!, list);
  }
  return byTopic;
}

/** The topics a clerk may place on a meeting's agenda: those awaiting the council and not on it yet, most supported first. */
export function placeableTopics(meetingId: number, limit = 200) {
  const segments = awaitingSegments();
  if (segments.length === 0) return [];
  const rows = db
    .select({ id: topics.id, title: topics.title, kind: topics.kind, supportCount: topics.supportCount })
    .from(topics)
    .where(
      and(
        sql`(${topics.kind}, ${topics.status}) IN (${sql.join(segments.map((s) => sql`(${s.kind}, ${s.status})`), sql`, `)})`,
        eq(topics.hidden, false),
        sql`NOT EXISTS (SELECT 1 FROM ${agendaItems} WHERE ${agendaItems.meetingId} = ${meetingId} AND ${agendaItems.topicId} = ${topics.id})`,
      ),
    )
    .orderBy(desc(topics.supportCount), asc(topics.id))
    .limit(limit)
    .all();
  return rows;
}

/** Every (kind, status) in which a topic awaits the council, from the registered kinds' manifests. */
export function awaitingSegments(): Array<{ kind: TopicKind; status: string }> {
  return registeredCouncilKinds().flatMap(({ kind, council }) => council.awaitingIn.map((status) => ({ kind, status })));
}

/** Every (kind, status) a decision leaves a topic in. */
export function decidedSegments() {
  return registeredCouncilKinds().flatMap(({ kind, council }) => council.decidedIn.map((status) => ({ kind, status })));
}

/** The kinds whose topics ever go to the council: the briefing's filter. */
export function councilKinds(): TopicKind[] {
  return registeredCouncilKinds().map(({ kind }) => kind);
}

function registeredCouncilKinds() {
  return registeredServerKinds().flatMap((m) => (m.council ? [{ kind: m.kind, council: m.council }] : []));
}

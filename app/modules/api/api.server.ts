// The open API's reads: what a visitor may read of topics of every kind (through open data and the
// one read rule), their timelines, outcomes and next steps, the public meetings and their agendas,
// and counts per kind and status. Never a name, an email, a user id, a postcode or a ballot; never a
// hidden, unpublished or closed thing. One function per question, each reading only its page, and
// the change counters (public_versions) its ETag is made of.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { agendaItems, councilDecisions, meetings, nextSteps, outcomes, publicVersions, topicEvents, topics } from "#db/schema";
import { registeredKinds } from "~/modules/topics/topics.kinds";
import { publicTopic, publicTopicsByIds, publicTopicsPage, type OpenDataRecord, type PublicTopicFilter } from "~/modules/topics/topics.opendata.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { can } from "~/utils/permissions";

/** The change counter of the public meetings and their agendas (the other scopes are topic kinds). */
export const MEETINGS_SCOPE = "meetings";

export type Versions = ReadonlyArray<readonly [string, number]>;

/**
 * The change counters of these scopes (every registered kind when none are named), in a fixed
 * order; a scope never written yet counts 0. One read of a table with a row per kind.
 */
export function versionsOf(scopes?: readonly string[]): Versions {
  const wanted = scopes ?? registeredKinds().map((k) => k.kind);
  const rows = db.select().from(publicVersions).where(inArray(publicVersions.scope, [...wanted])).all();
  const byScope = new Map(rows.map((r) => [r.scope, r.version]));
  return [...wanted].sort().map((scope) => [scope, byScope.get(scope) ?? 0] as const);
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const base = () => env().BASE_URL.replace(/\/$/, "");

export type NotFound = { ok: false; reason: "api.problem.notFound" };
const notFound: NotFound = { ok: false, reason: "api.problem.notFound" };

/** A page of public, visible topics (of a kind, in a status), by id. */
export function listTopics(filter: PublicTopicFilter, page: { after: number; limit: number }): { items: OpenDataRecord[]; next: number | null } {
  return publicTopicsPage(filter, page);
}

/** The kind of a topic a visitor may read, else null: what its sub-resources check before anything else. */
export function readableTopicKind(topicId: number): string | null {
  const row = db
    .select({ kind: topics.kind, isPublic: topics.isPublic, hidden: topics.hidden, authorId: topics.authorId })
    .from(topics)
    .where(eq(topics.id, topicId))
    .get();
  return row && can(null, "topic:read", row) ? row.kind : null;
}

export function readTopic(topicId: number): { ok: true; topic: OpenDataRecord } | NotFound {
  const topic = publicTopic(topicId);
  return topic ? { ok: true, topic } : notFound;
}

export interface TimelineEntry {
  id: number;
  type: string;
  at: string;
  data: Record<string, unknown>;
}

/**
 * A page of a readable topic's public timeline, oldest first, after the event (time, id) `after`
 * (the topic's public-events index). Internal events are not in it.
 */
export function topicTimelinePage(
  topicId: number,
  page: { after: readonly [number, number] | null; limit: number },
): { ok: true; items: TimelineEntry[]; next: [number, number] | null } | NotFound {
  if (readableTopicKind(topicId) === null) return notFound;
  const rows = db
    .select({ id: topicEvents.id, type: topicEvents.type, data: topicEvents.data, createdAt: topicEvents.createdAt })
    .from(topicEvents)
    .where(
      and(
        eq(topicEvents.topicId, topicId),
        eq(topicEvents.isPublic, true),
        page.after ? sql`(${topicEvents.createdAt}, ${topicEvents.id}) > (${page.after[0]}, ${page.after[1]})` : undefined,
      ),
    )
    .orderBy(asc(topicEvents.createdAt), asc(topicEvents.id))
    .limit(page.limit + 1)
    .all();
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  const last = shown.at(-1);
  return {
    ok: true,
    items: shown.map((r) => ({ id: r.id, type: r.type, at: r.createdAt.toISOString(), data: r.data })),
    next: more && last ? [last.createdAt.getTime(), last.id] : null,
  };
}

export interface OutcomeEntry {
  type: string;
  result: string | null;
  body: string;
  responsibleBody: string | null;
  decidedAt: string;
}

export interface NextStepEntry {
  id: number;
  description: string;
  responsibleBody: string | null;
  dueAt: string | null;
  status: string;
  completedAt: string | null;
}

/**
 * What was decided about a readable topic and what happens next. Not paged: a topic has an outcome
 * per type and a handful of steps, all shown on its page at once too.
 */
export function topicOutcome(topicId: number): { ok: true; outcomes: OutcomeEntry[]; nextSteps: NextStepEntry[] } | NotFound {
  if (readableTopicKind(topicId) === null) return notFound;
  const decided = db
    .select({ type: outcomes.type, result: outcomes.result, body: outcomes.body, responsibleBody: outcomes.responsibleBody, decidedAt: outcomes.decidedAt })
    .from(outcomes)
    .where(eq(outcomes.topicId, topicId))
    .orderBy(asc(outcomes.decidedAt), asc(outcomes.id))
    .all();
  const steps = db
    .select({ id: nextSteps.id, description: nextSteps.description, responsibleBody: nextSteps.responsibleBody, dueAt: nextSteps.dueAt, status: nextSteps.status, completedAt: nextSteps.completedAt })
    .from(nextSteps)
    .where(eq(nextSteps.topicId, topicId))
    .orderBy(asc(nextSteps.dueAt), asc(nextSteps.id))
    .all();
  return {
    ok: true,
    outcomes: decided.map((o) => ({ ...o, decidedAt: o.decidedAt.toISOString() })),
    nextSteps: steps.map((s) => ({ ...s, dueAt: iso(s.dueAt), completedAt: iso(s.completedAt) })),
  };
}

export interface MeetingEntry {
  id: number;
  body: string;
  title: string;
  startsAt: string;
  place: string;
  url: string;
}

const meetingColumns = { id: meetings.id, body: meetings.body, title: meetings.title, startsAt: meetings.startsAt, place: meetings.place, isPublic: meetings.isPublic };

function toMeeting(m: { id: number; body: string; title: string; startsAt: Date; place: string }): MeetingEntry {
  return { id: m.id, body: m.body, title: m.title, startsAt: m.startsAt.toISOString(), place: m.place, url: `${base()}/meetings/${m.id}` };
}

/** A page of the public meetings by start, after the meeting (start, id) `after` (the public meetings index). */
export function listMeetings(page: { after: readonly [number, number] | null; limit: number }): { items: MeetingEntry[]; next: [number, number] | null } {
  const rows = db
    .select(meetingColumns)
    .from(meetings)
    .where(and(eq(meetings.isPublic, true), page.after ? sql`(${meetings.startsAt}, ${meetings.id}) > (${page.after[0]}, ${page.after[1]})` : undefined))
    .orderBy(asc(meetings.startsAt), asc(meetings.id))
    .limit(page.limit + 1)
    .all()
    .filter((m) => can(null, "meeting:read", m));
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  const last = shown.at(-1);
  return { items: shown.map(toMeeting), next: more && last ? [last.startsAt.getTime(), last.id] : null };
}

export interface AgendaEntry {
  position: number;
  title: string | null;
  description: string;
  topic: { id: number; kind: string; url: string } | null;
  decision: string | null;
  decidedAt: string | null;
}

/**
 * A public meeting and its agenda in order. An item about a topic a visitor may not read (hidden
 * since) keeps its place without its title, topic or decision; a title the topic's kind withholds
 * stays withheld here too.
 */
export function readMeeting(meetingId: number): { ok: true; meeting: MeetingEntry & { agenda: AgendaEntry[] } } | NotFound {
  const meeting = db.select(meetingColumns).from(meetings).where(eq(meetings.id, meetingId)).get();
  if (!meeting || !can(null, "meeting:read", meeting)) return notFound;
  const items = db
    .select({
      position: agendaItems.position,
      title: agendaItems.title,
      description: agendaItems.description,
      topicId: agendaItems.topicId,
      decision: councilDecisions.decision,
      decidedAt: councilDecisions.decidedAt,
    })
    .from(agendaItems)
    .leftJoin(councilDecisions, eq(councilDecisions.agendaItemId, agendaItems.id))
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position))
    .all();
  const readable = publicTopicsByIds(items.flatMap((i) => (i.topicId === null ? [] : [i.topicId])));
  const agenda = items.map((i): AgendaEntry => {
    if (i.topicId === null) return { position: i.position, title: i.title, description: i.description, topic: null, decision: null, decidedAt: null };
    const topic = readable.get(i.topicId);
    if (!topic) return { position: i.position, title: null, description: i.description, topic: null, decision: null, decidedAt: null };
    return {
      position: i.position,
      title: typeof topic.title === "string" ? topic.title : null,
      description: i.description,
      topic: { id: i.topicId, kind: String(topic.kind), url: String(topic.url) },
      decision: i.decision,
      decidedAt: iso(i.decidedAt),
    };
  });
  return { ok: true, meeting: { ...toMeeting(meeting), agenda } };
}

export interface TopicCount {
  kind: string;
  status: string;
  count: number;
}

/**
 * How many public, visible topics each kind has in each status, from the kind-and-status index
 * alone. A kind whose own read rule keeps its topics from visitors is not counted.
 */
export function countTopics(): TopicCount[] {
  const counted = registeredKinds()
    .map((k) => k.kind)
    .filter((kind) => can(null, "topic:read", { kind, isPublic: true, hidden: false, authorId: null }));
  if (counted.length === 0) return [];
  return db
    .select({ kind: topics.kind, status: topics.status, count: sql<number>`count(*)` })
    .from(topics)
    .where(and(inArray(topics.kind, counted), eq(topics.isPublic, true), eq(topics.hidden, false)))
    .groupBy(topics.kind, topics.status)
    .orderBy(asc(topics.kind), asc(topics.status))
    .all();
}

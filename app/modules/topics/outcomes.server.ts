// The outcome service: the one way anything happens on a topic's timeline, for every kind. Each use
// case (an event, an outcome, a next step added or done) is one call inside the kind's own
// transaction that writes the outcome or step, the timeline event of a type from the catalogue
// (timeline.events.ts), the audit entry, and tells the kind's audience (its manifest's
// `audience`) exactly once: the event has a key unique within its topic, so a repeat of the same
// request finds it and writes and tells nothing. Everyone told passes the one recipient filter
// (blocked and deleted people hear nothing); nothing is told about a hidden topic.
import { and, eq, ne } from "drizzle-orm";
import { nextSteps, outcomes, topicEvents, topics, type EventActorRole, type NoticeCategory } from "#db/schema";
import type { MessageKey } from "~/i18n";
import { notify } from "~/modules/notifications/notifications.server";
import { activeRecipients, commenterIds } from "~/modules/participation/recipients.server";
import { recordSupporterMailing, supportMailingKey } from "~/modules/support/support.mailings.server";
import { recordAudit } from "~/utils/audit.server";
import type { DB, Tx } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { eventKeyOf, eventSpec, type EventCatalogue, type EventPayload, type EventTypeOf, type PayloadOf } from "./timeline.events";
import { kindManifest } from "./topics.kinds";
import { kindServerManifest, type AudienceGroup } from "./topics.kinds.server";
import { topicPath } from "./topics.paths";
import { followerIds } from "./topics.server";

/** Who does something on a topic; a SessionUser or Actor fits. Null is the system (a deadline, a threshold). */
export interface EventActor {
  id: string;
  roles: readonly string[];
}

/** What the audience is told, in the words of the kind. */
export interface EventNotice {
  type: MessageKey;
  data: Record<string, string | number>;
  /** Who hears it; the kind's manifest says who by default. */
  audience?: readonly AudienceGroup[];
  /** "outcome" mails supporters the outcome's full text; "notice" (the default) the short notice. */
  email?: "outcome" | "notice";
  /** People told in another way, left out here. */
  exclude?: readonly string[];
  /** The page the notice links to, when it is not the topic's own (a bylaw's report); a path under the topic's. */
  link?: string;
}

/** The audit entry of a privileged act: under the topic ("topic" + id), its kind readable through the topic. */
export interface EventAudit {
  action: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export interface TopicEventInput<Own extends EventCatalogue, Type extends EventTypeOf<Own>> {
  topicId: number;
  type: Type;
  payload: PayloadOf<Own, Type>;
  actor: EventActor | null;
  at?: Date;
  audit?: EventAudit;
  /** What its audience is told; several notices when different people hear different words (each once). */
  notice?: EventNotice | readonly EventNotice[];
}

export type Refusal = { ok: false; reason: MessageKey };
/** Written now (with what was made), or found already written: a repeat of the same request. */
export type EventResult<T extends object = object> = ({ ok: true; already: false } & T) | { ok: true; already: true } | Refusal;

const STAFF_ROLES = new Set(["clerk", "councillor", "admin"]);

type EventTopic = { id: number; kind: string; title: string; authorId: string | null; hidden: boolean };

function findEventTopic(tx: DB | Tx, topicId: number): EventTopic | undefined {
  return tx
    .select({ id: topics.id, kind: topics.kind, title: topics.title, authorId: topics.authorId, hidden: topics.hidden })
    .from(topics)
    .where(eq(topics.id, topicId))
    .get();
}

/** In what capacity the actor acted: what lead times and webhooks may know of them, never who. */
export function actorRoleOf(actor: EventActor | null, topic: Pick<EventTopic, "authorId">): EventActorRole {
  if (!actor) return "system";
  if (actor.roles.some((r) => STAFF_ROLES.has(r))) return "staff";
  return actor.id === topic.authorId ? "author" : "resident";
}

/**
 * The key a notice's emails are deduplicated by: "responded" on petition 12 is
 * "petition-responded:12", "next-step-added:7" is "petition-next-step-added:12:7" (the prefix is
 * the support policy's, else the kind); each person's email adds ":<userId>" (or ":sig-<id>" for a
 * guest supporter), so the notice's own mail and the supporter mailing's mail of one event are one.
 */
function noticeKey(kind: string, topicId: number, eventKey: string): string {
  return supportMailingKey(kindServerManifest(kind).support?.mailing.keyPrefix ?? kind, topicId, eventKey);
}

interface Written {
  topic: EventTopic;
  eventKey: string;
}

/** The event's key, or a refusal when the topic is missing, or the kind did not declare the type (a programming error). */
function prepare(tx: DB | Tx, topicId: number, type: string, payload: EventPayload): { topic: EventTopic; eventKey: string; isPublic: boolean } | null {
  const topic = findEventTopic(tx, topicId);
  if (!topic) return null;
  const spec = eventSpec(kindManifest(topic.kind).events, type);
  if (!spec) throw new Error(`Topic kind ${topic.kind} did not declare the timeline event "${type}" (its manifest's events)`);
  return { topic, eventKey: eventKeyOf(type, spec, payload), isPublic: spec.public };
}

function happened(tx: DB | Tx, topicId: number, eventKey: string): boolean {
  return Boolean(
    tx.select({ id: topicEvents.id }).from(topicEvents).where(and(eq(topicEvents.topicId, topicId), eq(topicEvents.eventKey, eventKey))).get(),
  );
}

/** Writes the event row, the audit entry and tells the audience: the part every use case shares. */
function writeEvent(
  tx: Tx,
  prepared: { topic: EventTopic; eventKey: string; isPublic: boolean },
  input: { type: string; payload: EventPayload; actor: EventActor | null; at: Date; audit?: EventAudit; notice?: EventNotice | readonly EventNotice[]; outcomeId?: number },
): number {
  const { topic, eventKey } = prepared;
  const row = tx
    .insert(topicEvents)
    .values({
      topicId: topic.id,
      kind: topic.kind as typeof topicEvents.$inferInsert.kind,
      type: input.type,
      actorId: input.actor?.id ?? null,
      actorRole: actorRoleOf(input.actor, topic),
      eventKey,
      data: input.payload,
      isPublic: prepared.isPublic,
      createdAt: input.at,
    })
    .returning({ id: topicEvents.id })
    .get();
  if (input.audit) {
    recordAudit(tx, { actorId: input.actor?.id ?? null, entityType: "topic", entityId: topic.id, ...input.audit });
  }
  const notices: readonly EventNotice[] = input.notice === undefined ? [] : "type" in input.notice ? [input.notice] : input.notice;
  for (const notice of notices) tellAudience(tx, { topic, eventKey }, notice, input.actor, input.at, input.outcomeId);
  for (const watch of watchers) watch(tx, { topicId: topic.id, type: input.type, at: input.at, eventId: row.id, isPublic: prepared.isPublic, payload: input.payload, topic });
  return row.id;
}

/**
 * Told of every event written on a topic, inside its transaction and after its notices. Every
 * kind writes a status change together with an event, so a watcher sees each topic just after it
 * moved: the council notices a topic that has come to await it. Wired by the composition root
 * (app/kinds.server.ts), so this core imports none of its watchers.
 */
export type TopicEventWatcher = (tx: Tx, event: WatchedTopicEvent) => void;

/** What a watcher is told: the event, whether its type is public, and the topic it is on (webhooks send the public ones). */
export interface WatchedTopicEvent {
  topicId: number;
  type: string;
  at: Date;
  eventId: number;
  isPublic: boolean;
  payload: EventPayload;
  topic: { id: number; kind: string; title: string; hidden: boolean };
}

const watchers = new Set<TopicEventWatcher>();

export function watchTopicEvents(watcher: TopicEventWatcher): void {
  watchers.add(watcher);
}

/** The kind of event a notice is, for each person's choice of channel: an outcome, a next step, or another step. */
export function noticeCategoryOf(eventKey: string, outcomeId: number | undefined): NoticeCategory {
  if (outcomeId !== undefined) return "outcomes";
  return eventKey.startsWith("next-step-") ? "next-steps" : "updates";
}

/**
 * Tells the event's audience once: those its kind reaches in batches (supporters) by the kind's
 * fan-out, everyone else now, all through the one recipient filter, never the actor themselves.
 */
function tellAudience(tx: Tx, written: Written, notice: EventNotice, actor: EventActor | null, at: Date, outcomeId?: number): void {
  const { topic, eventKey } = written;
  if (topic.hidden) return;
  const server = kindServerManifest(topic.kind);
  const groups = new Set(notice.audience ?? server.audience.hears);
  const skip = new Set([...(notice.exclude ?? []), ...(actor ? [actor.id] : [])]);
  const people = new Set<string>();
  if (groups.has("followers")) for (const id of followerIds(tx, topic.id)) people.add(id);
  if (groups.has("author") && topic.authorId) people.add(topic.authorId);
  if (groups.has("participants")) for (const id of commenterIds(tx, topic.id)) people.add(id);
  if (groups.has("contributors") && server.contributors) for (const id of server.contributors(tx, topic.id)) people.add(id);
  const candidates = [...people].filter((id) => !skip.has(id));
  const support = groups.has("supporters") ? server.support : undefined;
  const reached = support
    ? recordSupporterMailing(
        tx,
        support,
        topic,
        {
          eventKey, type: notice.type, data: notice.data, link: notice.link ?? topicPath(topic), email: notice.email ?? "notice", outcomeId,
          category: noticeCategoryOf(eventKey, outcomeId),
          actorId: actor?.id ?? null, exclude: notice.exclude ?? [], now: at,
        },
        candidates,
      )
    : new Set<string>();
  notify(tx, activeRecipients(tx, candidates.filter((id) => !reached.has(id)), at), {
    type: notice.type,
    topicId: topic.id,
    data: notice.data,
    link: notice.link ?? topicPath(topic),
    eventKey: noticeKey(topic.kind, topic.id, eventKey),
    category: noticeCategoryOf(eventKey, outcomeId),
  });
}

/** Records an event on a topic's timeline (with its audit entry and notice). A repeat is answered `already`. */
export function recordTopicEvent<Own extends EventCatalogue, Type extends EventTypeOf<Own>>(tx: Tx, input: TopicEventInput<Own, Type>): EventResult<{ eventId: number }> {
  const payload = input.payload as EventPayload;
  const prepared = prepare(tx, input.topicId, input.type, payload);
  if (!prepared) return { ok: false, reason: "topic.error.notFound" };
  if (happened(tx, input.topicId, prepared.eventKey)) return { ok: true, already: true };
  const eventId = writeEvent(tx, prepared, { ...input, payload, at: input.at ?? new Date() });
  return { ok: true, already: false, eventId };
}

export interface OutcomeInput {
  /** response (written answer), debate, decision, conclusion: the kind's word for it. */
  type: string;
  /** e.g. answered, debated, adopted, rejected */
  result?: string | null;
  body: string;
  responsibleBody?: string | null;
}

/**
 * Records what was decided: the outcome, the event that says so, the audit entry, and the notice
 * (supporters get the outcome's full text when the notice says `email: "outcome"`). A repeat of
 * the event writes no second outcome.
 */
export function recordOutcome<Own extends EventCatalogue, Type extends EventTypeOf<Own>>(
  tx: Tx,
  input: TopicEventInput<Own, Type> & { outcome: OutcomeInput },
): EventResult<{ outcomeId: number }> {
  const payload = input.payload as EventPayload;
  const prepared = prepare(tx, input.topicId, input.type, payload);
  if (!prepared) return { ok: false, reason: "topic.error.notFound" };
  if (happened(tx, input.topicId, prepared.eventKey)) return { ok: true, already: true };
  const at = input.at ?? new Date();
  const outcomeId = tx
    .insert(outcomes)
    .values({
      topicId: input.topicId,
      type: input.outcome.type,
      result: input.outcome.result ?? null,
      body: input.outcome.body,
      bodyHtml: renderMarkdown(input.outcome.body),
      responsibleBody: input.outcome.responsibleBody ?? null,
      authorId: input.actor?.id ?? null,
      decidedAt: at,
    })
    .returning({ id: outcomes.id })
    .get().id;
  const audit = input.audit ? { ...input.audit, after: { ...(input.audit.after as object | undefined), outcomeId } } : undefined;
  writeEvent(tx, prepared, { ...input, payload, at, audit, outcomeId });
  return { ok: true, already: false, outcomeId };
}

export interface NextStepInput {
  description: string;
  responsibleBody?: string | null;
  dueAt?: Date | null;
}

/** A notice about a step: the service adds the step's `description` to its data. */
type StepCall = { topicId: number; actor: EventActor | null; at?: Date; audit?: Pick<EventAudit, "action">; notice?: EventNotice };

const withDescription = (notice: EventNotice | undefined, description: string): EventNotice | undefined =>
  notice && { ...notice, data: { ...notice.data, description } };

/** Adds what happens next (who does what, by when), with its event, audit entry and notice. */
export function addNextStep(tx: Tx, input: StepCall & { step: NextStepInput }): { ok: true; stepId: number } | Refusal {
  const topic = findEventTopic(tx, input.topicId);
  if (!topic) return { ok: false, reason: "topic.error.notFound" };
  const stepId = tx
    .insert(nextSteps)
    .values({ topicId: input.topicId, description: input.step.description, responsibleBody: input.step.responsibleBody ?? null, dueAt: input.step.dueAt ?? null })
    .returning({ id: nextSteps.id })
    .get().id;
  const payload = { stepId, description: input.step.description };
  const prepared = prepare(tx, input.topicId, "next-step-added", payload)!;
  writeEvent(tx, prepared, {
    type: "next-step-added", payload, actor: input.actor, at: input.at ?? new Date(), notice: withDescription(input.notice, input.step.description),
    audit: input.audit && { action: input.audit.action, after: { stepId, ...input.step } },
  });
  return { ok: true, stepId };
}

/** Marks a next step done, with its event, audit entry and notice; a step done already is the same request. */
export function completeNextStep(tx: Tx, input: StepCall & { stepId: number }): EventResult {
  const step = tx.select().from(nextSteps).where(and(eq(nextSteps.id, input.stepId), eq(nextSteps.topicId, input.topicId))).get();
  if (!step) return { ok: false, reason: "topic.error.stepNotFound" };
  if (step.status === "done") return { ok: true, already: true };
  const done = tx.update(nextSteps).set({ status: "done", completedAt: input.at ?? new Date() }).where(and(eq(nextSteps.id, step.id), ne(nextSteps.status, "done"))).run();
  if (done.changes !== 1) return { ok: true, already: true };
  const payload = { stepId: step.id, description: step.description };
  const prepared = prepare(tx, input.topicId, "next-step-done", payload)!;
  writeEvent(tx, prepared, {
    type: "next-step-done", payload, actor: input.actor, at: input.at ?? new Date(), notice: withDescription(input.notice, step.description),
    audit: input.audit && { action: input.audit.action, before: { stepId: step.id, status: step.status }, after: { stepId: step.id, status: "done" } },
  });
  return { ok: true, already: false };
}

/**
 * The service for one kind, typed by its catalogue: its code can record the shared events and its
 * own, and naming any other is a type error (and refused at run time by `prepare`).
 */
export function topicTimeline<Own extends EventCatalogue>(_kind: { events: Own }) {
  return {
    record: <Type extends EventTypeOf<Own>>(tx: Tx, input: TopicEventInput<Own, Type>) => recordTopicEvent<Own, Type>(tx, input),
    recordOutcome: <Type extends EventTypeOf<Own>>(tx: Tx, input: TopicEventInput<Own, Type> & { outcome: OutcomeInput }) => recordOutcome<Own, Type>(tx, input),
    addNextStep,
    completeNextStep,
  };
}

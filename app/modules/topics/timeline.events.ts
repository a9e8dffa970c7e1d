// The catalogue of timeline events: every type of event a topic's timeline can hold, with its
// payload, whether the public sees it and the words it is shown in. The types every kind may record
// are here; a kind adds its own in its manifest (`events`), and the outcome service
// (outcomes.server.ts) records only the types of the topic's kind, typed so that a kind's code
// cannot name an event its manifest did not declare. Client-safe: data and types only.
import type { MessageKey } from "~/i18n";
import type { Milestone } from "~/modules/transparency/transparency.constants";

/** What an event carries: public words and numbers only, never a name or an address. */
export type EventPayload = Record<string, string | number>;

export interface TimelineEventSpec<Payload extends EventPayload = EventPayload> {
  /** Shown on the topic's public timeline (and so to the open API and webhooks); false keeps it internal. */
  public: boolean;
  /** The timeline's line for it; the payload's fields are its placeholders. */
  message: MessageKey;
  /**
   * The payload field that tells several events of this type on one topic apart (a step's id, a
   * meeting date). Without it the event happens once per topic: a second one is the same request.
   */
  distinctBy?: keyof Payload & string;
  /**
   * The moment in the topic's life this event marks, for the lead times of the transparency
   * dashboard (its first event of a milestone counts); a kind marks its own events this way.
   */
  marks?: Milestone;
  /** Carries the payload type only; never set. */
  readonly payload?: Payload;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry has a payload of its own
export type EventCatalogue = Record<string, TimelineEventSpec<any>>;

/** Declares one event type; the payload is named as the type parameter: `event<{ date: string }>({ ... })`. */
export function event<Payload extends EventPayload = Record<never, never>>(spec: Omit<TimelineEventSpec<Payload>, "payload">): TimelineEventSpec<Payload> {
  return spec;
}

/** The events every kind may record: its life from draft to close, and what happens next. */
export const SHARED_EVENTS = {
  created: event({ public: true, message: "timeline.created" }),
  submitted: event({ public: true, message: "timeline.submitted", marks: "submission" }),
  published: event({ public: true, message: "timeline.published", marks: "publication" }),
  closed: event({ public: true, message: "timeline.closed", marks: "close" }),
  /** Enough support for the next step (a petition's response or debate): each threshold once. */
  "threshold-reached": event<{ count: number; threshold: string }>({ public: true, message: "timeline.threshold-reached", distinctBy: "threshold", marks: "threshold" }),
  /** A decision about the topic was recorded as its outcome (a kind may name its outcomes in words of its own). */
  decided: event({ public: true, message: "timeline.decided", marks: "decision" }),
  /** Placed on a council or committee meeting's agenda (app/modules/council): once per meeting. */
  "placed-on-agenda": event<{ meetingId: number; meeting: string; date: string }>({ public: true, message: "timeline.placed-on-agenda", distinctBy: "meetingId" }),
  /** The council's decision on an agenda item (`reason` is the decision's words, a message key): once per item. */
  "council-decided": event<{ agendaItemId: number; reason: string }>({ public: true, message: "timeline.council-decided", distinctBy: "agendaItemId", marks: "decision" }),
  "next-step-added": event<{ stepId: number; description: string }>({ public: true, message: "timeline.next-step-added", distinctBy: "stepId" }),
  "next-step-done": event<{ stepId: number; description: string }>({ public: true, message: "timeline.next-step-done", distinctBy: "stepId" }),
} satisfies EventCatalogue;

export type SharedEvents = typeof SHARED_EVENTS;

/** All event types a kind with this catalogue may record. */
export type EventsOf<Own extends EventCatalogue> = SharedEvents & Own;
export type EventTypeOf<Own extends EventCatalogue> = keyof EventsOf<Own> & string;
export type PayloadOf<Own extends EventCatalogue, Type extends EventTypeOf<Own>> =
  EventsOf<Own>[Type] extends TimelineEventSpec<infer P> ? P : never;

/** The spec of an event type in a kind's catalogue or the shared one; undefined when neither declares it. */
export function eventSpec(own: EventCatalogue, type: string): TimelineEventSpec<EventPayload> | undefined {
  const spec = Object.hasOwn(own, type) ? own[type] : Object.hasOwn(SHARED_EVENTS, type) ? SHARED_EVENTS[type as keyof SharedEvents] : undefined;
  return spec as TimelineEventSpec<EventPayload> | undefined;
}

/** The event's identity within its topic: its type, and the distinguishing field when it has one. */
export function eventKeyOf(type: string, spec: Pick<TimelineEventSpec<EventPayload>, "distinctBy">, payload: EventPayload): string {
  return spec.distinctBy === undefined ? type : `${type}:${payload[spec.distinctBy]}`;
}

// The petition lifecycle as pure rules: named states, named sets, predicates, and one transition
// function that either gives the next state or the reason the move is refused.
import { newlyReached, type SupportThreshold } from "~/modules/support/support.rules";
import { REJECTION_CODES, type RejectionCode } from "#db/schema/petitions.constants";
import type { Outcome } from "~/utils/refusal";

export const PETITION_STATUSES = [
  "draft",
  "awaiting-sponsors",
  "submitted",
  "open",
  "rejected",
  "response-requested",
  "debate-scheduled",
  "responded",
  "debated",
  "closed",
] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

/**
 * States in which signatures are collected, until the deadline passes (closedAt). The council may
 * answer or debate before the deadline; signing goes on until it passes.
 */
export const COLLECTING_STATES: readonly PetitionStatus[] = ["open", "response-requested", "debate-scheduled", "responded", "debated"];
/** A clerk may reject these, as long as the response threshold has not been crossed. */
export const REJECTABLE_STATES: readonly PetitionStatus[] = ["submitted", "open"];
/** The council owes something: a written response or a debate. */
export const AWAITING_COUNCIL_STATES: readonly PetitionStatus[] = ["response-requested", "debate-scheduled"];
/** The council may publish its written response on these (petitierecht: every petition gets an answer). */
export const RESPONDABLE_STATES: readonly PetitionStatus[] = ["open", "response-requested", "debate-scheduled", "closed"];
/** A debate may be planned for these. */
export const SCHEDULABLE_STATES: readonly PetitionStatus[] = ["open", "response-requested", "debate-scheduled", "responded", "closed"];
/** Next steps can be added to anything published and not rejected. */
export const FOLLOW_UP_STATES: readonly PetitionStatus[] = [
  "open", "response-requested", "debate-scheduled", "responded", "debated", "closed",
];

/** Rejection reasons that also withhold the petition's text from the public. */
export const TEXT_HIDING_REASONS: readonly RejectionCode[] = ["offensive", "personal-information"];
export { REJECTION_CODES, type RejectionCode };

export const isPetitionStatus = (value: string): value is PetitionStatus => (PETITION_STATUSES as readonly string[]).includes(value);

/** The parts of a petition the rules look at. */
export interface PetitionState {
  status: PetitionStatus;
  closesAt: Date | null;
  closedAt: Date | null;
  responseRequestedAt: Date | null;
  debateRequestedAt: Date | null;
  debateScheduledFor: Date | null;
  respondedAt: Date | null;
  debatedAt: Date | null;
  sponsorsRequired: number;
  sponsorCount: number;
}

export interface TransitionContext {
  now: Date;
  /** Setting petitionSponsorsRequired at the time of submission. */
  sponsorsRequired?: number;
  /** Setting petitionDurationDays. */
  durationDays?: number;
}

export type PetitionEvent =
  | { type: "submit" }
  | { type: "sponsor-added" }
  | { type: "publish"; requestedClosesAt?: Date | null }
  | { type: "reject"; code: RejectionCode }
  | { type: "response-threshold-reached" }
  | { type: "debate-threshold-reached" }
  | { type: "respond" }
  | { type: "schedule-debate"; meetingAt: Date }
  | { type: "record-debate" }
  | { type: "close" };

export type RefusalReason =
  | "not-draft"
  | "not-awaiting-sponsors"
  | "not-submitted"
  | "not-rejectable"
  | "threshold-crossed"
  | "not-collecting"
  | "already-reached"
  | "not-respondable"
  | "already-responded"
  | "not-schedulable"
  | "already-debated"
  | "meeting-in-past"
  | "no-debate-planned"
  | "not-due"
  | "already-closed";

export type TransitionResult = Outcome<{ next: PetitionState }, RefusalReason>;

const DAY = 86_400_000;
const inSet = (set: readonly PetitionStatus[], status: PetitionStatus) => set.includes(status);

// Predicates, named the way a clerk would ask.
export const isCollecting = (p: Pick<PetitionState, "status" | "closedAt">) => inSet(COLLECTING_STATES, p.status) && !p.closedAt;
/** Whether signatures may be added (or withdrawn) now: collecting and before the deadline. */
export const isSignable = (p: Pick<PetitionState, "status" | "closedAt" | "closesAt">, now: Date) =>
  isCollecting(p) && (!p.closesAt || p.closesAt.getTime() > now.getTime());
export const isRejectable = (p: Pick<PetitionState, "status" | "responseRequestedAt">) =>
  inSet(REJECTABLE_STATES, p.status) && !p.responseRequestedAt;
export const isEditable = (p: Pick<PetitionState, "status">) => p.status === "draft";
export const isPastDeadline = (p: Pick<PetitionState, "closesAt">, now: Date) => Boolean(p.closesAt && p.closesAt.getTime() <= now.getTime());
/** How long a guest's confirmation link works; then the unconfirmed signature is deleted. The texts petition.error.linkExpired and privacy.body say 7 days too. */
export const CONFIRMATION_LINK_DAYS = 7;
/**
 * Whether a pending signature's link has expired: CONFIRMATION_LINK_DAYS after it was last sent
 * (when it was never recorded as sent, after the signature was made).
 */
export const isConfirmationExpired = (p: { confirmationSentAt: Date | null; createdAt: Date }, now: Date) =>
  (p.confirmationSentAt ?? p.createdAt).getTime() + CONFIRMATION_LINK_DAYS * DAY <= now.getTime();
export const isDebatePending = (p: Pick<PetitionState, "debateRequestedAt" | "debateScheduledFor" | "debatedAt">) =>
  Boolean((p.debateRequestedAt || p.debateScheduledFor) && !p.debatedAt);

/**
 * Which thresholds are still ahead, to show as "n of the m signatures for ...": only while
 * signatures are collected and the step has not happened yet. A petition the council already
 * answered or debated (whatever the count) does not ask for more signatures for it, and a rejected
 * or closed one asks for none.
 */
export function thresholdsAhead(
  p: Pick<PetitionState, "status" | "closedAt" | "responseRequestedAt" | "respondedAt" | "debateRequestedAt" | "debateScheduledFor" | "debatedAt">,
): { response: boolean; debate: boolean } {
  const collecting = isCollecting(p);
  return {
    response: collecting && !p.responseRequestedAt && !p.respondedAt,
    debate: collecting && !p.debateRequestedAt && !p.debateScheduledFor && !p.debatedAt,
  };
}

/** Whether the page shows a count of signatures at all: never for a rejected petition (it was not, or is no longer, signed). */
export const showsSignatureCount = (p: Pick<PetitionState, "status">) => p.status !== "rejected";

/** What the status becomes once the written response is in: a pending debate still comes first. */
function afterResponse(p: PetitionState): PetitionStatus {
  return isDebatePending(p) ? "debate-scheduled" : "responded";
}

/** The deadline: the one asked for if it is still ahead and within the allowed duration, else publication + duration. */
export function closingDate(publishedAt: Date, requested: Date | null | undefined, durationDays: number): Date {
  const latest = publishedAt.getTime() + durationDays * DAY;
  if (requested && requested.getTime() > publishedAt.getTime() && requested.getTime() <= latest) return requested;
  return new Date(latest);
}

/**
 * The one place a petition changes state. Pure: it neither reads nor writes anything, so every
 * allowed and refused move is tested as a table (tests/unit/petitions/petitions.rules.test.ts).
 */
export function transition(p: PetitionState, event: PetitionEvent, ctx: TransitionContext): TransitionResult {
  const refuse = (reason: RefusalReason): TransitionResult => ({ ok: false, reason });
  const next = (patch: Partial<PetitionState>): TransitionResult => ({ ok: true, next: { ...p, ...patch } });
  const { now } = ctx;

  switch (event.type) {
    case "submit": {
      if (p.status !== "draft") return refuse("not-draft");
      const required = ctx.sponsorsRequired ?? 0;
      return next({ status: required > 0 ? "awaiting-sponsors" : "submitted", sponsorsRequired: required, sponsorCount: 0 });
    }
    case "sponsor-added": {
      if (p.status !== "awaiting-sponsors") return refuse("not-awaiting-sponsors");
      const sponsorCount = p.sponsorCount + 1;
      return next({ sponsorCount, status: sponsorCount >= p.sponsorsRequired ? "submitted" : "awaiting-sponsors" });
    }
    case "publish": {
      if (p.status !== "submitted") return refuse("not-submitted");
      return next({ status: "open", closesAt: closingDate(now, event.requestedClosesAt, ctx.durationDays ?? 90), closedAt: null });
    }
    case "reject": {
      if (!inSet(REJECTABLE_STATES, p.status)) return refuse("not-rejectable");
      if (p.responseRequestedAt) return refuse("threshold-crossed");
      return next({ status: "rejected", closedAt: now });
    }
    case "response-threshold-reached": {
      if (!isCollecting(p)) return refuse("not-collecting");
      if (p.responseRequestedAt) return refuse("already-reached");
      return next({ responseRequestedAt: now, status: p.status === "open" ? "response-requested" : p.status });
    }
    case "debate-threshold-reached": {
      if (!isCollecting(p)) return refuse("not-collecting");
      if (p.debateRequestedAt) return refuse("already-reached");
      // Already debated (a clerk put it on the agenda early): the fact is recorded, the status stays.
      return next({ debateRequestedAt: now, status: p.debatedAt ? p.status : "debate-scheduled" });
    }
    case "respond": {
      if (p.respondedAt) return refuse("already-responded");
      if (!inSet(RESPONDABLE_STATES, p.status)) return refuse("not-respondable");
      const responded = { ...p, respondedAt: now };
      return next({ respondedAt: now, status: afterResponse(responded) });
    }
    case "schedule-debate": {
      if (p.debatedAt) return refuse("already-debated");
      if (!inSet(SCHEDULABLE_STATES, p.status)) return refuse("not-schedulable");
      if (event.meetingAt.getTime() < now.getTime() - DAY) return refuse("meeting-in-past");
      return next({ debateScheduledFor: event.meetingAt, status: "debate-scheduled" });
    }
    case "record-debate": {
      if (p.debatedAt) return refuse("already-debated");
      if (p.status !== "debate-scheduled") return refuse("no-debate-planned");
      return next({ debatedAt: now, status: "debated" });
    }
    case "close": {
      if (p.closedAt) return refuse("already-closed");
      if (!inSet(COLLECTING_STATES, p.status)) return refuse("not-collecting");
      if (!isPastDeadline(p, now)) return refuse("not-due");
      // A petition that reached nothing is simply closed; one the council still owes keeps its status.
      return next({ closedAt: now, status: p.status === "open" ? "closed" : p.status });
    }
  }
}

/** The petition's two thresholds, as the support module counts them: each reached once. */
export function thresholdList(
  p: Pick<PetitionState, "responseRequestedAt" | "debateRequestedAt">,
  thresholds: { response: number | null; debate: number | null },
): SupportThreshold<"response" | "debate">[] {
  return [
    { name: "response", at: thresholds.response, reached: Boolean(p.responseRequestedAt) },
    { name: "debate", at: thresholds.debate, reached: Boolean(p.debateRequestedAt) },
  ];
}

/** Which threshold events a new count sets off (both at once when one signature crosses both). */
export function thresholdEvents(
  p: Pick<PetitionState, "responseRequestedAt" | "debateRequestedAt">,
  count: number,
  thresholds: { response: number | null; debate: number | null },
): PetitionEvent[] {
  return newlyReached(thresholdList(p, thresholds), count).map((name): PetitionEvent => ({ type: `${name}-threshold-reached` }));
}

/** Whether the public text of a rejected petition is withheld. */
export const hidesText = (code: RejectionCode) => TEXT_HIDING_REASONS.includes(code);

/** A rejection reason that only points at the note ("other: see the note") needs one. */
export const needsRejectionNote = (code: RejectionCode) => code === "other";

/** A new next step's due moment must still lie ahead: a step that is late the moment it is added is a typo. */
export const isDueDateAcceptable = (dueAt: Date, now: Date) => dueAt.getTime() > now.getTime();

// Public list filters, each a named view on the states.
export const LIST_FILTERS = ["open", "awaiting-response", "responded", "debated", "closed", "rejected", "all"] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];
export const LIST_SORTS = ["signatures", "newest", "closing"] as const;
export type ListSort = (typeof LIST_SORTS)[number];

/** The states a published petition can be in: what the public list shows. */
export const LISTED_STATES: readonly PetitionStatus[] = ["open", "response-requested", "debate-scheduled", "responded", "debated", "closed", "rejected"];

/**
 * The stretches of the public list a filter shows: a status, open (no closing date passed yet) or
 * closed. The list reads each from its index and merges them (app/modules/topics/topics.lists.server.ts).
 */
export function listSegments(filter: ListFilter): Array<{ status: PetitionStatus; closed: boolean }> {
  const both = (states: readonly PetitionStatus[]) => states.flatMap((status) => [{ status, closed: false }, { status, closed: true }]);
  switch (filter) {
    case "open":
      return COLLECTING_STATES.map((status) => ({ status, closed: false }));
    case "awaiting-response":
      return both(AWAITING_COUNCIL_STATES);
    case "responded":
    case "debated":
    case "rejected":
      return both([filter]);
    case "closed":
      return LISTED_STATES.filter((status) => status !== "rejected").map((status) => ({ status, closed: true }));
    case "all":
      return both(LISTED_STATES);
  }
}

/** The visual tone of a status badge. */
export function statusTone(status: PetitionStatus): "neutral" | "active" | "success" | "warning" | "danger" {
  switch (status) {
    case "open":
      return "active";
    case "response-requested":
    case "debate-scheduled":
      return "warning";
    case "responded":
    case "debated":
      return "success";
    case "rejected":
      return "danger";
    default:
      return "neutral";
  }
}

/** Progress towards a threshold as a whole percentage, capped at 100. */
export function progressPercent(count: number, threshold: number | null): number {
  if (!threshold || threshold <= 0) return 0;
  return Math.min(100, Math.floor((count / threshold) * 100));
}

// Input limits of the petition form (also used by the zod schema and the form's maxLength).
export const LIMITS = {
  titleMin: 10,
  titleMax: 120,
  requestMin: 20,
  requestMax: 1000,
  backgroundMax: 10_000,
  nameMax: 100,
  noteMax: 2000,
  responseMax: 20_000,
  bodyNameMax: 200,
  stepMax: 500,
} as const;

/** A requested deadline must lie ahead and within the allowed duration from today. */
export function deadlineProblem(deadline: Date, now: Date, durationDays: number): "past" | "too-far" | null {
  if (deadline.getTime() <= now.getTime()) return "past";
  if (deadline.getTime() > now.getTime() + durationDays * DAY) return "too-far";
  return null;
}

/** The cursor parameters of the signer names on a petition page (its comments page by their own). */
export const SIGNER_NAMES_PARAMS = { after: "namesAfter", before: "namesBefore" } as const;

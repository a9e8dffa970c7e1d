// The life of a petition, one use case per function: drafting, co-sponsors, moderation, the
// council's response and debate, next steps and closing at the deadline. Each guards with the pure
// rules and writes in ONE transaction: the status here, and the timeline event, outcome or next
// step, audit entry and notice through the outcome service (topics/outcomes.server.ts), which
// reaches the signers through the petition's fan-out (petitions.mailings.server.ts). Returns
// { ok: true, ... } or { ok: false, reason } with a message key the route shows.
import crypto from "node:crypto";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { neighbourhoods, petitionSponsors, petitions, topics, type RejectionCode } from "#db/schema";
import { translator, type MessageKey } from "~/i18n";
import { insertTopic, updateTopicText } from "~/modules/topics/topics.server";
import { getSetting } from "~/modules/settings/settings.server";
import { db, type DB, type Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { hitRateLimit, RATE_LIMITS } from "~/utils/rate-limit.server";
import { localDay } from "~/utils/local-time";
import { hashToken, newToken } from "~/utils/tokens.server";
import { COLLECTING_STATES, deadlineProblem, hidesText, isEditable, transition, type PetitionState, type PetitionStatus } from "./petitions.rules";
import { PetitionForm, type PetitionInput } from "./petitions.schema";
import {
  fail,
  findPetition,
  petitionTimeline,
  publicTitle,
  refused,
  stateOf,
  tell,
  writeState,
  type Failure,
  type PetitionActor,
  type PetitionRecord,
  type Result,
} from "./petitions.server";

// ---------------------------------------------------------------- drafts

function checkDeadline(input: PetitionInput, now: Date): Failure | null {
  if (!input.deadline) return null;
  const problem = deadlineProblem(input.deadline, now, getSetting("petitionDurationDays"));
  if (problem === "past") return fail("petition.error.deadlinePast", "deadline");
  if (problem === "too-far") return fail("petition.error.deadlineTooFar", "deadline");
  return null;
}

/**
 * The deadline's refusal for a form the schema refused for other reasons, so every field is
 * reported at once (the schema cannot check the deadline: the allowed duration is a setting).
 */
export function deadlineRefusal(raw: FormDataEntryValue | null, now = new Date()): MessageKey | null {
  const parsed = PetitionForm.shape.deadline.safeParse(typeof raw === "string" ? raw : undefined);
  if (!parsed.success || !parsed.data) return null;
  return checkDeadline({ deadline: parsed.data } as PetitionInput, now)?.reason ?? null;
}

function checkNeighbourhood(tx: DB | Tx, id: number | undefined): Failure | null {
  if (id === undefined) return null;
  const row = tx.select({ id: neighbourhoods.id }).from(neighbourhoods).where(eq(neighbourhoods.id, id)).get();
  return row ? null : fail("petition.error.unknownNeighbourhood", "neighbourhoodId");
}

const summaryOf = (request: string) => (request.length > 280 ? `${request.slice(0, 277).trimEnd()}…` : request);

/**
 * The topic this person already created with this form's submission key, if any (see
 * topics.submission_key). Read inside the write transaction, so of two requests with one key the
 * second always finds the first's row.
 */
function findSubmittedTopic(tx: DB | Tx, authorId: string, submissionKey: string): { id: number; kind: string } | undefined {
  return tx
    .select({ id: topics.id, kind: topics.kind })
    .from(topics)
    .where(and(eq(topics.authorId, authorId), eq(topics.submissionKey, submissionKey)))
    .get();
}

/**
 * A resident starts a petition as a draft only they can see. With a submission key (the hidden
 * field of the form), a repeat of the same post — a double click, a resent form — answers with the
 * draft the first one made, and writes nothing: no second draft, event or rate-limit count.
 */
export function createPetition(actor: PetitionActor, input: PetitionInput & { submissionKey?: string | null }, now = new Date()): Result<{ topicId: number }> {
  if (actor.blocked) return fail("petition.error.blocked");
  const problem = checkDeadline(input, now) ?? checkNeighbourhood(db, input.neighbourhoodId);
  if (problem) return problem;
  const key = input.submissionKey ?? null;
  return db.transaction((tx): Result<{ topicId: number }> => {
    const earlier = key ? findSubmittedTopic(tx, actor.id, key) : undefined;
    if (earlier) return earlier.kind === "petition" ? { ok: true, topicId: earlier.id } : fail("form.submissionInvalid");
    if (!hitRateLimit(RATE_LIMITS.createPerUser, actor.id, now.getTime())) return fail("form.rateLimited");
    const id = insertTopic(tx, {
      kind: "petition",
      title: input.title,
      summary: summaryOf(input.request),
      body: input.background,
      authorId: actor.id,
      status: "draft",
      isPublic: false,
      neighbourhoodId: input.neighbourhoodId ?? null,
    });
    // The key is unique per author (a partial unique index): the database refuses a second row.
    tx.update(topics).set({ createdAt: now, updatedAt: now, submissionKey: key }).where(eq(topics.id, id)).run();
    tx.insert(petitions).values({ topicId: id, request: input.request, requestedClosesAt: input.deadline ?? null }).run();
    petitionTimeline.record(tx, { topicId: id, type: "created", payload: {}, actor, at: now });
    return { ok: true, topicId: id };
  });
}

/**
 * Writes the next state, but only while the petition still has the status it was read with in
 * this transaction: false, with nothing written, when another request moved it on first. Every
 * command below reads, decides and writes in one transaction (BEGIN IMMEDIATE, so the read is
 * fresh); this is the guard that keeps a state change from being written twice all the same.
 */
function advance(tx: Tx, p: PetitionRecord, next: PetitionState, now: Date, extra: Partial<typeof topics.$inferInsert> = {}): boolean {
  const moved = tx.update(topics).set({ status: next.status, updatedAt: now }).where(and(eq(topics.id, p.id), eq(topics.status, p.status))).run();
  if (moved.changes !== 1) return false;
  writeState(tx, p.id, next, now, extra);
  return true;
}

/** The petitioner changes their draft; only while it is a draft (not once it was just handed in). */
export function updatePetition(actor: PetitionActor, topicId: number, input: PetitionInput, now = new Date()): Result {
  return db.transaction((tx): Result => {
    const p = findPetition(topicId);
    if (!p || p.authorId !== actor.id) return fail("petition.error.notFound");
    if (!isEditable(p)) return refused("not-draft");
    const problem = checkDeadline(input, now) ?? checkNeighbourhood(tx, input.neighbourhoodId);
    if (problem) return problem;
    const still = tx
      .update(topics)
      .set({ neighbourhoodId: input.neighbourhoodId ?? null, updatedAt: now })
      .where(and(eq(topics.id, topicId), eq(topics.status, "draft" satisfies PetitionStatus)))
      .run();
    if (still.changes !== 1) return refused("not-draft");
    updateTopicText(tx, topicId, { title: input.title, summary: summaryOf(input.request), body: input.background });
    tx.update(petitions).set({ request: input.request, requestedClosesAt: input.deadline ?? null }).where(eq(petitions.topicId, topicId)).run();
    return { ok: true };
  });
}

/**
 * The petitioner hands the draft in: to moderation, or first to co-sponsors when the setting asks
 * for them. A petition already handed in answers the same (a double submit), and is told once.
 */
export function submitPetition(actor: PetitionActor, topicId: number, now = new Date()): Result<{ status: PetitionStatus }> {
  return db.transaction((tx): Result<{ status: PetitionStatus }> => {
    const p = findPetition(topicId);
    if (!p || p.authorId !== actor.id) return fail("petition.error.notFound");
    if (actor.blocked) return fail("petition.error.blocked");
    if (p.status === "submitted" || p.status === "awaiting-sponsors") return { ok: true, status: p.status };
    const requestedProblem = p.requestedClosesAt && deadlineProblem(p.requestedClosesAt, now, getSetting("petitionDurationDays"));
    if (requestedProblem === "past") return fail("petition.error.deadlinePast");
    const result = transition(stateOf(p), { type: "submit" }, { now, sponsorsRequired: getSetting("petitionSponsorsRequired") });
    if (!result.ok) return refused(result.reason);
    const next = result.next;
    if (!advance(tx, p, next, now, next.status === "submitted" ? { submittedAt: now } : {})) return refused("not-draft");
    if (next.status === "awaiting-sponsors") {
      tx.update(petitions).set({ sponsorToken: newToken() }).where(eq(petitions.topicId, topicId)).run();
    } else {
      petitionTimeline.record(tx, { topicId, type: "submitted", payload: {}, actor, at: now });
    }
    // The petitioner's own confirmation: not the event's audience, which never tells people of their own act.
    const type: MessageKey = next.status === "submitted" ? "petition.notification.submitted" : "petition.notification.awaitingSponsors";
    tell(tx, p, [actor.id], type, { title: p.title, count: next.sponsorsRequired });
    return { ok: true, status: next.status };
  });
}

const tokenMatches = (expected: string | null, given: string) => {
  if (!expected) return false;
  const a = Buffer.from(hashToken(expected));
  const b = Buffer.from(hashToken(given));
  return crypto.timingSafeEqual(a, b);
};

/** What the co-sponsor page shows, when the link is right. */
export function findPetitionForSponsor(topicId: number, token: string) {
  const p = findPetition(topicId);
  if (!p || !tokenMatches(p.sponsorToken, token)) return undefined;
  return p;
}

export function hasSponsored(userId: string, topicId: number): boolean {
  return Boolean(
    db.select({ u: petitionSponsors.userId }).from(petitionSponsors).where(and(eq(petitionSponsors.topicId, topicId), eq(petitionSponsors.userId, userId))).get(),
  );
}

/** A resident co-sponsors through the shareable link; the last one needed sends it to moderation. */
export function sponsorPetition(actor: PetitionActor, topicId: number, token: string, now = new Date()): Result<{ status: PetitionStatus; already: boolean }> {
  const p = findPetitionForSponsor(topicId, token);
  if (!p) return fail("petition.error.notFound");
  if (p.authorId === actor.id) return fail("petition.error.ownPetition");
  return db.transaction((tx): Result<{ status: PetitionStatus; already: boolean }> => {
    const current = findPetition(topicId)!;
    const inserted = tx.insert(petitionSponsors).values({ topicId, userId: actor.id, createdAt: now }).onConflictDoNothing().run();
    if (inserted.changes === 0) return { ok: true, status: current.status, already: true };
    const result = transition(stateOf(current), { type: "sponsor-added" }, { now });
    if (!result.ok) {
      tx.delete(petitionSponsors).where(and(eq(petitionSponsors.topicId, topicId), eq(petitionSponsors.userId, actor.id))).run();
      return refused(result.reason);
    }
    const submitted = result.next.status === "submitted";
    if (!advance(tx, current, result.next, now, submitted ? { submittedAt: now } : {})) return refused("not-awaiting-sponsors");
    if (submitted) {
      // The last co-sponsor's signature hands it in: the petition's act, not theirs.
      petitionTimeline.record(tx, {
        topicId, type: "submitted", payload: {}, actor: null, at: now,
        notice: { type: "petition.notification.sponsored", data: { title: current.title }, audience: ["author"] },
      });
    }
    return { ok: true, status: result.next.status, already: false };
  });
}

// ---------------------------------------------------------------- moderation

/** A clerk publishes a submitted petition: thresholds and deadline are fixed now. */
export function publishPetition(actor: PetitionActor, topicId: number, now = new Date()): Result {
  return db.transaction((tx): Result => {
    const p = findPetition(topicId);
    if (!p) return fail("petition.error.notFound");
    const result = transition(stateOf(p), { type: "publish", requestedClosesAt: p.requestedClosesAt }, { now, durationDays: getSetting("petitionDurationDays") });
    if (!result.ok) return refused(result.reason);
    if (!advance(tx, p, result.next, now, { isPublic: true, publishedAt: now })) return refused("not-submitted");
    tx.update(petitions)
      .set({ responseThreshold: getSetting("petitionResponseThreshold"), debateThreshold: getSetting("petitionDebateThreshold"), sponsorToken: null })
      .where(eq(petitions.topicId, topicId))
      .run();
    petitionTimeline.record(tx, {
      topicId, type: "published", payload: {}, actor, at: now,
      audit: { action: "petition.publish", before: { status: p.status }, after: { status: result.next.status, closesAt: result.next.closesAt } },
      notice: { type: "petition.notification.published", data: { title: p.title }, audience: ["author"] },
    });
    return { ok: true };
  });
}

/** A clerk rejects with a public reason; offensive text and personal information are withheld from the public. */
export function rejectPetition(actor: PetitionActor, topicId: number, input: { code: RejectionCode; note?: string }, now = new Date()): Result {
  return db.transaction((tx): Result => {
    const p = findPetition(topicId);
    if (!p) return fail("petition.error.notFound");
    const result = transition(stateOf(p), { type: "reject", code: input.code }, { now });
    if (!result.ok) return refused(result.reason);
    if (!advance(tx, p, result.next, now, { isPublic: true })) return refused("not-rejectable");
    const hide = hidesText(input.code);
    tx.update(petitions)
      .set({
        rejectionCode: input.code,
        rejectionNote: input.note ?? null,
        rejectedAt: now,
        hideText: hide,
        sponsorToken: null,
        ...(hide ? { withheldTitle: p.title, withheldRequest: p.request, withheldBody: p.body, request: "" } : {}),
      })
      .where(eq(petitions.topicId, topicId))
      .run();
    if (hide) {
      // Off the topic row, so neither search nor lists nor feeds can show the text.
      const neutral = translator(getSetting("defaultLocale") ?? env().DEFAULT_LOCALE)("petition.withheld.title", { id: topicId });
      updateTopicText(tx, topicId, { title: neutral, summary: "", body: "" });
    }
    const toAuthor = { type: `petition.notification.rejected.${input.code}` as const, data: { title: p.title, note: input.note ?? "" }, audience: ["author"] as const };
    // Once it was public, its signers and followers hear it too (the petitioner has been told why).
    const toPublic = { type: "petition.notification.rejectedPublic" as const, data: { title: publicTitle({ ...p, hideText: hide }) }, exclude: p.authorId ? [p.authorId] : [] };
    petitionTimeline.record(tx, {
      topicId, type: "rejected", payload: { reason: `petition.rejection.${input.code}` }, actor, at: now,
      audit: { action: "petition.reject", before: { status: p.status }, after: { status: "rejected", code: input.code, hideText: hide }, reason: input.note ?? null },
      notice: p.status === "submitted" ? [toAuthor] : [toAuthor, toPublic],
    });
    return { ok: true };
  });
}

// ---------------------------------------------------------------- the council's answer

/** A clerk publishes the council's written response; every signer hears it (by the fan-out in petitions.mailings.server.ts). */
export function recordResponse(actor: PetitionActor, topicId: number, input: { body: string; responsibleBody: string }, now = new Date()): Result {
  return db.transaction((tx): Result => {
    const p = findPetition(topicId);
    if (!p) return fail("petition.error.notFound");
    const result = transition(stateOf(p), { type: "respond" }, { now });
    if (!result.ok) return refused(result.reason);
    if (!advance(tx, p, result.next, now)) return refused("not-respondable");
    petitionTimeline.recordOutcome(tx, {
      topicId, type: "responded", payload: {}, actor, at: now,
      outcome: { type: "response", result: "answered", body: input.body, responsibleBody: input.responsibleBody },
      audit: { action: "petition.respond", before: { status: p.status }, after: { status: result.next.status } },
      notice: { type: "petition.notification.responded", data: { title: publicTitle(p) }, email: "outcome" },
    });
    return { ok: true };
  });
}

/** A clerk plans the debate for a council meeting; the signers hear it by the fan-out. */
export function scheduleDebate(actor: PetitionActor, topicId: number, input: { meetingAt: Date }, now = new Date()): Result {
  return db.transaction((tx): Result => {
    const p = findPetition(topicId);
    if (!p) return fail("petition.error.notFound");
    const result = transition(stateOf(p), { type: "schedule-debate", meetingAt: input.meetingAt }, { now });
    if (!result.ok) return refused(result.reason);
    if (!advance(tx, p, result.next, now)) return refused("not-schedulable");
    petitionTimeline.record(tx, {
      topicId, type: "scheduled", payload: { date: input.meetingAt.toISOString() }, actor, at: now,
      audit: { action: "petition.schedule-debate", before: { status: p.status, debateScheduledFor: p.debateScheduledFor }, after: { status: result.next.status, debateScheduledFor: input.meetingAt } },
      notice: { type: "petition.notification.debateScheduled", data: { title: publicTitle(p), date: localDay(input.meetingAt) } },
    });
    return { ok: true };
  });
}

/** A clerk publishes what the council's debate concluded; every signer hears it (by the fan-out). */
export function recordDebateOutcome(actor: PetitionActor, topicId: number, input: { body: string; responsibleBody: string }, now = new Date()): Result {
  return db.transaction((tx): Result => {
    const p = findPetition(topicId);
    if (!p) return fail("petition.error.notFound");
    const result = transition(stateOf(p), { type: "record-debate" }, { now });
    if (!result.ok) return refused(result.reason);
    if (!advance(tx, p, result.next, now)) return refused("no-debate-planned");
    petitionTimeline.recordOutcome(tx, {
      topicId, type: "debated", payload: {}, actor, at: now,
      outcome: { type: "debate", result: "debated", body: input.body, responsibleBody: input.responsibleBody },
      audit: { action: "petition.record-debate", before: { status: p.status }, after: { status: "debated" } },
      notice: { type: "petition.notification.debated", data: { title: publicTitle(p) }, email: "outcome" },
    });
    return { ok: true };
  });
}

/** A clerk adds what happens next (who does what, by when); the signers hear it by the fan-out. */
export function addPetitionNextStep(
  actor: PetitionActor,
  topicId: number,
  input: { description: string; responsibleBody?: string; dueAt?: Date },
  now = new Date(),
): Result<{ stepId: number }> {
  return db.transaction((tx): Result<{ stepId: number }> => {
    const p = findPetition(topicId);
    if (!p) return fail("petition.error.notFound");
    if (p.status === "rejected" || !p.isPublic) return refused("not-schedulable");
    const added = petitionTimeline.addNextStep(tx, {
      topicId, actor, at: now, step: input,
      audit: { action: "petition.add-next-step" },
      notice: { type: "petition.notification.nextStep", data: { title: publicTitle(p) } },
    });
    if (!added.ok) return fail(added.reason);
    return { ok: true, stepId: added.stepId };
  });
}

/** A clerk marks a next step done; the signers hear it by the fan-out. */
export function completePetitionNextStep(actor: PetitionActor, topicId: number, stepId: number, now = new Date()): Result {
  return db.transaction((tx): Result => {
    const p = findPetition(topicId);
    if (!p) return fail("petition.error.notFound");
    const done = petitionTimeline.completeNextStep(tx, {
      topicId, stepId, actor, at: now,
      audit: { action: "petition.complete-next-step" },
      notice: { type: "petition.notification.nextStepDone", data: { title: publicTitle(p) } },
    });
    return done.ok ? { ok: true } : fail("petition.error.notFound");
  });
}

// ---------------------------------------------------------------- closing

/** Closes every petition whose deadline has passed (one transaction each; the signers hear it by the fan-out). Returns how many. */
export function closeExpiredPetitions(now = new Date()): number {
  const due = db
    .select({ id: topics.id })
    .from(topics)
    .where(and(eq(topics.kind, "petition"), inArray(topics.status, [...COLLECTING_STATES]), isNull(topics.closedAt), sql`${topics.closesAt} <= ${now.getTime()}`))
    .all();
  let closed = 0;
  for (const { id } of due) {
    db.transaction((tx) => {
      const p = findPetition(id);
      if (!p) return;
      const result = transition(stateOf(p), { type: "close" }, { now });
      if (!result.ok) return;
      if (!advance(tx, p, result.next, now)) return;
      petitionTimeline.record(tx, {
        topicId: id, type: "closed", payload: {}, actor: null, at: now,
        notice: { type: "petition.notification.closed", data: { title: publicTitle(p), count: p.supportCount } },
      });
      closed++;
    });
  }
  return closed;
}

// Petition queries and commands. Each command is one use case that guards with the pure rules,
// writes in ONE transaction (status, timeline, notifications, outbox, audit, counters) and returns
// { ok: true, ... } or { ok: false, reason } with a message key the route shows.
import crypto from "node:crypto";
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import {
  nextSteps,
  neighbourhoods,
  petitionSponsors,
  petitions,
  signatureDailyCounts,
  signatureNeighbourhoodCounts,
  signatures,
  topicEvents,
  topics,
  userRoles,
  users,
  type RejectionCode,
  type SignatureStatus,
} from "#db/schema";
import { translator, type Locale, type MessageKey } from "~/i18n";
import { addNextStep, addOutcome, addTopicEvent, followerIds, insertTopic, updateTopicText } from "~/modules/topics/topics.server";
import { notify } from "~/modules/notifications/notifications.server";
import { getSetting } from "~/modules/settings/settings.server";
import { recordAudit } from "~/utils/audit.server";
import { db, type DB, type Tx } from "~/utils/db.server";
import { canonicalEmail } from "~/utils/email-address";
import { enqueueEmail } from "~/utils/email.server";
import { env } from "~/utils/env.server";
import { hitRateLimit, RATE_LIMITS } from "~/utils/rate-limit.server";
import { csvRows } from "./petitions.csv";
import { localDay } from "./petitions.dates";
import type { PetitionResource } from "./petitions.permissions";
import {
  AWAITING_COUNCIL_STATES,
  COLLECTING_STATES,
  deadlineProblem,
  hidesText,
  isEditable,
  isPetitionStatus,
  isSignable,
  thresholdEvents,
  transition,
  type ListFilter,
  type ListSort,
  type PetitionEvent,
  type PetitionState,
  type PetitionStatus,
  type RefusalReason,
} from "./petitions.rules";
import type { PetitionInput } from "./petitions.schema";

export type Failure = { ok: false; reason: MessageKey; field?: string };
type Result<T extends object = object> = ({ ok: true } & T) | Failure;

const fail = (reason: MessageKey, field?: string): Failure => ({ ok: false, reason, ...(field ? { field } : {}) });
const refused = (reason: RefusalReason): Failure => fail(`petition.refused.${reason}`);

/** Who does something, as the commands need them (a SessionUser fits). */
export interface PetitionActor {
  id: string;
  roles: readonly string[];
  emailVerified: boolean;
  blocked: boolean;
}

const petitionColumns = {
  id: topics.id,
  title: topics.title,
  summary: topics.summary,
  body: topics.body,
  bodyHtml: topics.bodyHtml,
  authorId: topics.authorId,
  neighbourhoodId: topics.neighbourhoodId,
  status: topics.status,
  isPublic: topics.isPublic,
  hidden: topics.hidden,
  supportCount: topics.supportCount,
  followerCount: topics.followerCount,
  submittedAt: topics.submittedAt,
  publishedAt: topics.publishedAt,
  closesAt: topics.closesAt,
  closedAt: topics.closedAt,
  createdAt: topics.createdAt,
  updatedAt: topics.updatedAt,
  request: petitions.request,
  requestedClosesAt: petitions.requestedClosesAt,
  rejectionCode: petitions.rejectionCode,
  rejectionNote: petitions.rejectionNote,
  rejectedAt: petitions.rejectedAt,
  hideText: petitions.hideText,
  withheldTitle: petitions.withheldTitle,
  withheldRequest: petitions.withheldRequest,
  withheldBody: petitions.withheldBody,
  responseThreshold: petitions.responseThreshold,
  debateThreshold: petitions.debateThreshold,
  responseRequestedAt: petitions.responseRequestedAt,
  debateRequestedAt: petitions.debateRequestedAt,
  debateScheduledFor: petitions.debateScheduledFor,
  respondedAt: petitions.respondedAt,
  debatedAt: petitions.debatedAt,
  sponsorsRequired: petitions.sponsorsRequired,
  sponsorCount: petitions.sponsorCount,
  sponsorToken: petitions.sponsorToken,
};

function selectPetitionRow(tx: DB | Tx, topicId: number) {
  return tx
    .select(petitionColumns)
    .from(topics)
    .innerJoin(petitions, eq(petitions.topicId, topics.id))
    .where(and(eq(topics.id, topicId), eq(topics.kind, "petition")))
    .get();
}

export type PetitionRecord = Omit<NonNullable<ReturnType<typeof selectPetitionRow>>, "status"> & { status: PetitionStatus };

/** One petition with its side row, or undefined (also for a topic of another kind). */
export function findPetition(topicId: number, tx: DB | Tx = db): PetitionRecord | undefined {
  const row = selectPetitionRow(tx, topicId);
  if (!row || !isPetitionStatus(row.status)) return undefined;
  return row as PetitionRecord;
}

export function petitionResource(p: Pick<PetitionRecord, "authorId" | "status" | "isPublic" | "hidden">): PetitionResource {
  return { authorId: p.authorId, status: p.status, isPublic: p.isPublic, hidden: p.hidden };
}

export function stateOf(p: PetitionRecord): PetitionState {
  return {
    status: p.status,
    closesAt: p.closesAt,
    closedAt: p.closedAt,
    responseRequestedAt: p.responseRequestedAt,
    debateRequestedAt: p.debateRequestedAt,
    debateScheduledFor: p.debateScheduledFor,
    respondedAt: p.respondedAt,
    debatedAt: p.debatedAt,
    sponsorsRequired: p.sponsorsRequired,
    sponsorCount: p.sponsorCount,
  };
}

/** Writes a new state: the shared topic columns and the petition's milestone columns. */
function writeState(tx: Tx, topicId: number, next: PetitionState, now: Date, extra: Partial<typeof topics.$inferInsert> = {}): void {
  tx.update(topics)
    .set({ status: next.status, closesAt: next.closesAt, closedAt: next.closedAt, updatedAt: now, ...extra })
    .where(eq(topics.id, topicId))
    .run();
  tx.update(petitions)
    .set({
      responseRequestedAt: next.responseRequestedAt,
      debateRequestedAt: next.debateRequestedAt,
      debateScheduledFor: next.debateScheduledFor,
      respondedAt: next.respondedAt,
      debatedAt: next.debatedAt,
      sponsorsRequired: next.sponsorsRequired,
      sponsorCount: next.sponsorCount,
    })
    .where(eq(petitions.topicId, topicId))
    .run();
}

const link = (topicId: number) => `/petitions/${topicId}`;
const absolute = (path: string) => `${env().BASE_URL}${path}`;
const sha256 = (value: string) => crypto.createHash("sha256").update(value).digest("hex");
const newToken = () => crypto.randomBytes(32).toString("base64url");

/** The title people may see: a withheld petition shows a neutral one. */
function publicTitle(p: Pick<PetitionRecord, "id" | "title" | "hideText">, locale: Locale = "nl"): string {
  return p.hideText ? translator(locale)("petition.withheld.title", { id: p.id }) : p.title;
}

/** Everyone with an account who should hear about a petition's events: followers and signers. */
function audience(tx: DB | Tx, topicId: number, exclude?: string | null): string[] {
  const signers = tx
    .select({ id: signatures.userId })
    .from(signatures)
    .where(and(eq(signatures.topicId, topicId), eq(signatures.status, "confirmed"), isNotNull(signatures.userId)))
    .all()
    .map((r) => r.id!);
  return [...new Set([...followerIds(tx, topicId), ...signers])].filter((id) => id !== exclude);
}

function clerkIds(tx: DB | Tx): string[] {
  return tx.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, "clerk")).all().map((r) => r.id);
}

/** notify(), except that nothing about a hidden petition goes out. */
function tell(tx: Tx, p: Pick<PetitionRecord, "id" | "hidden">, ids: Iterable<string>, type: MessageKey, data: Record<string, string | number>, eventKey?: string) {
  if (p.hidden) return 0;
  return notify(tx, ids, { type, topicId: p.id, data, link: link(p.id), eventKey });
}

// ---------------------------------------------------------------- neighbourhoods and counters

export function neighbourhoodOptions() {
  return db.select({ id: neighbourhoods.id, name: neighbourhoods.name }).from(neighbourhoods).orderBy(asc(neighbourhoods.name)).all();
}

/** The neighbourhood of a normalised postcode ("1234AB"), or null when it lies outside every range. */
export function neighbourhoodForPostcode(postcode: string, tx: DB | Tx = db): number | null {
  const number = Number(postcode.slice(0, 4));
  if (!Number.isInteger(number)) return null;
  const row = tx
    .select({ id: neighbourhoods.id })
    .from(neighbourhoods)
    .where(and(sql`${neighbourhoods.postcodeFrom} <= ${number}`, sql`${neighbourhoods.postcodeTo} >= ${number}`))
    .get();
  return row?.id ?? null;
}

/**
 * Moves the denormalised counts by one confirmed signature (+1 on confirm, -1 on withdrawal): the
 * topic's supportCount, the day it was confirmed and its neighbourhood. Returns the new total.
 */
function bumpCounts(tx: Tx, topicId: number, neighbourhoodId: number | null, confirmedAt: Date, delta: 1 | -1, now: Date): number {
  const row = tx
    .update(topics)
    .set({ supportCount: sql`${topics.supportCount} + ${delta}`, updatedAt: now })
    .where(eq(topics.id, topicId))
    .returning({ count: topics.supportCount })
    .get();
  const day = localDay(confirmedAt);
  tx.insert(signatureDailyCounts)
    .values({ topicId, day, count: delta })
    .onConflictDoUpdate({ target: [signatureDailyCounts.topicId, signatureDailyCounts.day], set: { count: sql`${signatureDailyCounts.count} + ${delta}` } })
    .run();
  tx.insert(signatureNeighbourhoodCounts)
    .values({ topicId, neighbourhoodId: neighbourhoodId ?? 0, count: delta })
    .onConflictDoUpdate({
      target: [signatureNeighbourhoodCounts.topicId, signatureNeighbourhoodCounts.neighbourhoodId],
      set: { count: sql`${signatureNeighbourhoodCounts.count} + ${delta}` },
    })
    .run();
  return row?.count ?? 0;
}

/** After a signature counted: the thresholds it crossed move the petition on (timeline, notices). */
function applyThresholds(tx: Tx, topicId: number, count: number, now: Date): void {
  const p = findPetition(topicId, tx);
  if (!p) return;
  const events = thresholdEvents(p, count, { response: p.responseThreshold, debate: p.debateThreshold });
  let state = stateOf(p);
  for (const event of events) {
    const result = transition(state, event, { now });
    if (!result.ok) continue;
    state = result.next;
    writeState(tx, topicId, state, now);
    const isResponse = event.type === "response-threshold-reached";
    const threshold = isResponse ? p.responseThreshold! : p.debateThreshold!;
    addTopicEvent(tx, { topicId, type: "threshold-reached", data: { count: threshold, kind: isResponse ? "response" : "debate" }, at: now });
    const type: MessageKey = isResponse ? "petition.notification.responseRequested" : "petition.notification.debateRequested";
    const data = { title: publicTitle(p), count: threshold };
    const key = `petition-threshold:${topicId}:${isResponse ? "response" : "debate"}`;
    tell(tx, p, [...audience(tx, topicId), ...(p.authorId ? [p.authorId] : [])], type, data, key);
    tell(tx, p, clerkIds(tx), isResponse ? "petition.notification.clerk.responseDue" : "petition.notification.clerk.debateDue", data, `${key}:clerk`);
  }
}

// ---------------------------------------------------------------- drafts

function checkDeadline(input: PetitionInput, now: Date): Failure | null {
  if (!input.deadline) return null;
  const problem = deadlineProblem(input.deadline, now, getSetting("petitionDurationDays"));
  if (problem === "past") return fail("petition.error.deadlinePast", "deadline");
  if (problem === "too-far") return fail("petition.error.deadlineTooFar", "deadline");
  return null;
}

function checkNeighbourhood(tx: DB | Tx, id: number | undefined): Failure | null {
  if (id === undefined) return null;
  const row = tx.select({ id: neighbourhoods.id }).from(neighbourhoods).where(eq(neighbourhoods.id, id)).get();
  return row ? null : fail("petition.error.unknownNeighbourhood", "neighbourhoodId");
}

const summaryOf = (request: string) => (request.length > 280 ? `${request.slice(0, 277).trimEnd()}…` : request);

/** A resident starts a petition as a draft only they can see. */
export function createPetition(actor: PetitionActor, input: PetitionInput, now = new Date()): Result<{ topicId: number }> {
  if (actor.blocked) return fail("petition.error.blocked");
  const problem = checkDeadline(input, now) ?? checkNeighbourhood(db, input.neighbourhoodId);
  if (problem) return problem;
  if (!hitRateLimit(RATE_LIMITS.createPerUser, actor.id, now.getTime())) return fail("form.rateLimited");
  const topicId = db.transaction((tx) => {
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
    tx.update(topics).set({ createdAt: now, updatedAt: now }).where(eq(topics.id, id)).run();
    tx.insert(petitions).values({ topicId: id, request: input.request, requestedClosesAt: input.deadline ?? null }).run();
    addTopicEvent(tx, { topicId: id, type: "created", actorId: actor.id, at: now });
    return id;
  });
  return { ok: true, topicId };
}

/** The petitioner changes their draft. */
export function updatePetition(actor: PetitionActor, topicId: number, input: PetitionInput, now = new Date()): Result {
  const p = findPetition(topicId);
  if (!p || p.authorId !== actor.id) return fail("petition.error.notFound");
  if (!isEditable(p)) return refused("not-draft");
  const problem = checkDeadline(input, now) ?? checkNeighbourhood(db, input.neighbourhoodId);
  if (problem) return problem;
  db.transaction((tx) => {
    updateTopicText(tx, topicId, { title: input.title, summary: summaryOf(input.request), body: input.background });
    tx.update(topics).set({ neighbourhoodId: input.neighbourhoodId ?? null, updatedAt: now }).where(eq(topics.id, topicId)).run();
    tx.update(petitions).set({ request: input.request, requestedClosesAt: input.deadline ?? null }).where(eq(petitions.topicId, topicId)).run();
  });
  return { ok: true };
}

/** The petitioner hands the draft in: to moderation, or first to co-sponsors when the setting asks for them. */
export function submitPetition(actor: PetitionActor, topicId: number, now = new Date()): Result<{ status: PetitionStatus }> {
  const p = findPetition(topicId);
  if (!p || p.authorId !== actor.id) return fail("petition.error.notFound");
  if (actor.blocked) return fail("petition.error.blocked");
  const requestedProblem = p.requestedClosesAt && deadlineProblem(p.requestedClosesAt, now, getSetting("petitionDurationDays"));
  if (requestedProblem === "past") return fail("petition.error.deadlinePast");
  const result = transition(stateOf(p), { type: "submit" }, { now, sponsorsRequired: getSetting("petitionSponsorsRequired") });
  if (!result.ok) return refused(result.reason);
  const next = result.next;
  db.transaction((tx) => {
    writeState(tx, topicId, next, now, next.status === "submitted" ? { submittedAt: now } : {});
    if (next.status === "awaiting-sponsors") {
      tx.update(petitions).set({ sponsorToken: newToken() }).where(eq(petitions.topicId, topicId)).run();
    } else {
      addTopicEvent(tx, { topicId, type: "submitted", actorId: actor.id, at: now });
    }
    const type: MessageKey = next.status === "submitted" ? "petition.notification.submitted" : "petition.notification.awaitingSponsors";
    tell(tx, p, [actor.id], type, { title: p.title, count: next.sponsorsRequired });
  });
  return { ok: true, status: next.status };
}

const tokenMatches = (expected: string | null, given: string) => {
  if (!expected) return false;
  const a = Buffer.from(sha256(expected));
  const b = Buffer.from(sha256(given));
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
    const current = findPetition(topicId, tx)!;
    const inserted = tx.insert(petitionSponsors).values({ topicId, userId: actor.id, createdAt: now }).onConflictDoNothing().run();
    if (inserted.changes === 0) return { ok: true, status: current.status, already: true };
    const result = transition(stateOf(current), { type: "sponsor-added" }, { now });
    if (!result.ok) {
      tx.delete(petitionSponsors).where(and(eq(petitionSponsors.topicId, topicId), eq(petitionSponsors.userId, actor.id))).run();
      return refused(result.reason);
    }
    const submitted = result.next.status === "submitted";
    writeState(tx, topicId, result.next, now, submitted ? { submittedAt: now } : {});
    if (submitted) {
      addTopicEvent(tx, { topicId, type: "submitted", at: now });
      tell(tx, current, current.authorId ? [current.authorId] : [], "petition.notification.sponsored", { title: current.title });
    }
    return { ok: true, status: result.next.status, already: false };
  });
}

// ---------------------------------------------------------------- moderation

/** A clerk publishes a submitted petition: thresholds and deadline are fixed now. */
export function publishPetition(actor: PetitionActor, topicId: number, now = new Date()): Result {
  return db.transaction((tx): Result => {
    const p = findPetition(topicId, tx);
    if (!p) return fail("petition.error.notFound");
    const result = transition(stateOf(p), { type: "publish", requestedClosesAt: p.requestedClosesAt }, { now, durationDays: getSetting("petitionDurationDays") });
    if (!result.ok) return refused(result.reason);
    writeState(tx, topicId, result.next, now, { isPublic: true, publishedAt: now });
    tx.update(petitions)
      .set({ responseThreshold: getSetting("petitionResponseThreshold"), debateThreshold: getSetting("petitionDebateThreshold"), sponsorToken: null })
      .where(eq(petitions.topicId, topicId))
      .run();
    addTopicEvent(tx, { topicId, type: "published", actorId: actor.id, at: now });
    recordAudit(tx, { actorId: actor.id, action: "petition.publish", entityType: "petition", entityId: topicId, before: { status: p.status }, after: { status: result.next.status, closesAt: result.next.closesAt } });
    tell(tx, p, p.authorId ? [p.authorId] : [], "petition.notification.published", { title: p.title });
    return { ok: true };
  });
}

/** A clerk rejects with a public reason; offensive text and personal information are withheld from the public. */
export function rejectPetition(actor: PetitionActor, topicId: number, input: { code: RejectionCode; note?: string }, now = new Date()): Result {
  return db.transaction((tx): Result => {
    const p = findPetition(topicId, tx);
    if (!p) return fail("petition.error.notFound");
    const result = transition(stateOf(p), { type: "reject", code: input.code }, { now });
    if (!result.ok) return refused(result.reason);
    writeState(tx, topicId, result.next, now, { isPublic: true });
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
    addTopicEvent(tx, { topicId, type: "rejected", actorId: actor.id, data: { reason: `petition.rejection.${input.code}` }, at: now });
    recordAudit(tx, {
      actorId: actor.id, action: "petition.reject", entityType: "petition", entityId: topicId,
      before: { status: p.status }, after: { status: "rejected", code: input.code, hideText: hide }, reason: input.note ?? null,
    });
    const data = { title: p.title, note: input.note ?? "" };
    tell(tx, p, p.authorId ? [p.authorId] : [], `petition.notification.rejected.${input.code}`, data);
    if (p.status !== "submitted") {
      tell(tx, p, audience(tx, topicId, p.authorId), "petition.notification.rejectedPublic", { title: publicTitle({ ...p, hideText: hide }) });
    }
    return { ok: true };
  });
}

/** Submitted petitions, oldest first, with their time in the queue. */
export function moderationQueue(now = new Date()) {
  const overdueDays = getSetting("petitionModerationOverdueDays");
  const rows = db
    .select({ id: topics.id, title: topics.title, submittedAt: topics.submittedAt, authorId: topics.authorId, authorName: users.displayName })
    .from(topics)
    .leftJoin(users, eq(users.id, topics.authorId))
    .where(and(eq(topics.kind, "petition"), eq(topics.status, "submitted")))
    .orderBy(asc(topics.submittedAt), asc(topics.id))
    .all();
  return rows.map((r) => {
    const days = r.submittedAt ? Math.floor((now.getTime() - r.submittedAt.getTime()) / 86_400_000) : 0;
    return { ...r, daysInQueue: days, overdue: days > overdueDays };
  });
}

/** Petitions the council owes a response or a debate, longest waiting first. */
export function awaitingCouncil(now = new Date()) {
  const rows = db
    .select({
      id: topics.id, title: topics.title, status: topics.status, supportCount: topics.supportCount,
      hideText: petitions.hideText, responseRequestedAt: petitions.responseRequestedAt,
      debateRequestedAt: petitions.debateRequestedAt, debateScheduledFor: petitions.debateScheduledFor, respondedAt: petitions.respondedAt,
    })
    .from(topics)
    .innerJoin(petitions, eq(petitions.topicId, topics.id))
    .where(and(eq(topics.kind, "petition"), inArray(topics.status, [...AWAITING_COUNCIL_STATES]), eq(topics.hidden, false)))
    .orderBy(asc(petitions.responseRequestedAt), asc(topics.id))
    .all();
  return rows.map((r) => {
    const since = r.responseRequestedAt ?? r.debateRequestedAt;
    return { ...r, status: r.status as PetitionStatus, daysWaiting: since ? Math.floor((now.getTime() - since.getTime()) / 86_400_000) : 0 };
  });
}

// ---------------------------------------------------------------- signing

function signabilityProblem(p: PetitionRecord, now: Date): Failure | null {
  if (p.hidden || !p.isPublic) return fail("petition.error.notFound");
  if (p.status === "rejected") return fail("petition.error.signRejected");
  if (!isSignable(p, now)) return fail("petition.error.signClosed");
  return null;
}

/** The neighbourhood for a postcode, or a refusal when the municipality does not take outside signatures. */
function placeSigner(tx: DB | Tx, postcode: string | null): { ok: true; neighbourhoodId: number | null } | Failure {
  if (!postcode) return { ok: true, neighbourhoodId: null };
  const neighbourhoodId = neighbourhoodForPostcode(postcode, tx);
  if (neighbourhoodId === null && !getSetting("petitionAcceptOutsidePostcodes")) return fail("petition.error.outsideMunicipality", "postcode");
  return { ok: true, neighbourhoodId };
}

/**
 * A signed-in resident signs with one click; it counts at once. Signing again is the same request.
 * A pending guest signature with their address is confirmed; a withdrawn one counts again.
 */
export function signPetitionAsResident(
  actor: PetitionActor,
  topicId: number,
  input: { showName: boolean; ip?: string },
  now = new Date(),
): Result<{ already: boolean }> {
  if (actor.blocked) return fail("petition.error.blocked");
  if (!actor.emailVerified) return fail("petition.error.confirmEmailFirst");
  const p = findPetition(topicId);
  if (!p) return fail("petition.error.notFound");
  const problem = signabilityProblem(p, now);
  if (problem) return problem;
  const person = db
    .select({ email: users.email, emailCanonical: users.emailCanonical, name: users.displayName, postcode: users.postcode, locale: users.locale })
    .from(users)
    .where(eq(users.id, actor.id))
    .get();
  if (!person?.email) return fail("petition.error.confirmEmailFirst");
  const place = placeSigner(db, person.postcode);
  if (!place.ok) return place;
  if (!hitRateLimit(RATE_LIMITS.signPerEmail, `user:${actor.id}`, now.getTime())) return fail("form.rateLimited");
  const emailCanonical = person.emailCanonical ?? canonicalEmail(person.email);
  return db.transaction((tx): Result<{ already: boolean }> => {
    const current = findPetition(topicId, tx)!;
    const again = signabilityProblem(current, now);
    if (again) return again;
    const inserted = tx
      .insert(signatures)
      .values({
        topicId, userId: actor.id, name: person.name, email: person.email, emailCanonical,
        postcode: person.postcode, neighbourhoodId: place.neighbourhoodId, showName: input.showName,
        status: "confirmed", locale: person.locale, createdAt: now, confirmedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: signatures.id })
      .get();
    let neighbourhoodId = place.neighbourhoodId;
    if (!inserted) {
      const existing = tx
        .select({ id: signatures.id, status: signatures.status, neighbourhoodId: signatures.neighbourhoodId })
        .from(signatures)
        .where(and(eq(signatures.topicId, topicId), eq(signatures.emailCanonical, emailCanonical)))
        .get();
      if (!existing || existing.status === "confirmed") return { ok: true, already: true };
      // Only the request that flips the row counts it.
      const flipped = tx
        .update(signatures)
        .set({ status: "confirmed", userId: actor.id, confirmedAt: now, withdrawnAt: null, showName: input.showName, tokenHash: null })
        .where(and(eq(signatures.id, existing.id), eq(signatures.status, existing.status)))
        .run();
      if (flipped.changes === 0) return { ok: true, already: true };
      neighbourhoodId = existing.neighbourhoodId;
    }
    const count = bumpCounts(tx, topicId, neighbourhoodId, now, 1, now);
    applyThresholds(tx, topicId, count, now);
    return { ok: true, already: false };
  });
}

/**
 * A guest signs: a pending signature and a confirmation email. Whether the address had signed
 * before changes nothing in the answer (no one can learn who signed), and nothing is sent again to
 * a confirmed signer; a pending one gets a new link at most once an hour.
 */
export function signPetitionAsGuest(
  input: { topicId: number; name: string; email: string; postcode: string; showName: boolean; locale: Locale; ip: string },
  now = new Date(),
): Result {
  const p = findPetition(input.topicId);
  if (!p) return fail("petition.error.notFound");
  const problem = signabilityProblem(p, now);
  if (problem) return problem;
  const place = placeSigner(db, input.postcode);
  if (!place.ok) return place;
  const emailCanonical = canonicalEmail(input.email);
  if (!hitRateLimit(RATE_LIMITS.signPerIp, input.ip, now.getTime())) return fail("form.rateLimited");
  if (!hitRateLimit(RATE_LIMITS.signPerEmail, emailCanonical, now.getTime())) return fail("form.rateLimited");
  return db.transaction((tx): Result => {
    const token = newToken();
    const inserted = tx
      .insert(signatures)
      .values({
        topicId: input.topicId, userId: null, name: input.name, email: input.email, emailCanonical,
        postcode: input.postcode, neighbourhoodId: place.neighbourhoodId, showName: input.showName,
        status: "pending", locale: input.locale, tokenHash: sha256(token), confirmationSentAt: now, createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: signatures.id })
      .get();
    if (inserted) {
      sendConfirmation(tx, p, inserted.id, token, input);
      return { ok: true };
    }
    const existing = tx
      .select({ id: signatures.id, status: signatures.status, sentAt: signatures.confirmationSentAt })
      .from(signatures)
      .where(and(eq(signatures.topicId, input.topicId), eq(signatures.emailCanonical, emailCanonical)))
      .get();
    const hourAgo = now.getTime() - 60 * 60_000;
    if (existing?.status === "pending" && (!existing.sentAt || existing.sentAt.getTime() <= hourAgo)) {
      const resent = tx
        .update(signatures)
        .set({ tokenHash: sha256(token), confirmationSentAt: now })
        .where(and(eq(signatures.id, existing.id), eq(signatures.status, "pending"), existing.sentAt ? eq(signatures.confirmationSentAt, existing.sentAt) : isNull(signatures.confirmationSentAt)))
        .run();
      if (resent.changes === 1) sendConfirmation(tx, p, existing.id, token, input, now);
    }
    return { ok: true };
  });
}

function sendConfirmation(
  tx: Tx,
  p: PetitionRecord,
  signatureId: number,
  token: string,
  to: { email: string; name: string; locale: Locale },
  resentAt?: Date,
) {
  enqueueEmail(tx, {
    to: to.email,
    locale: to.locale,
    name: to.name,
    subject: "petition.email.confirm.subject",
    params: { title: publicTitle(p, to.locale) },
    paragraphs: [["petition.email.confirm.intro"], ["petition.email.confirm.ignore"]],
    action: { label: "petition.email.confirm.action", url: absolute(`/petitions/confirm/${token}`) },
    dedupeKey: `petition-confirm:${signatureId}:${resentAt ? resentAt.getTime() : 0}`,
  });
}

/**
 * The emailed link was followed: the pending signature counts. Following it twice, or twice at
 * once, counts once: only the UPDATE that finds it still pending bumps the counters.
 */
export function confirmSignature(token: string, now = new Date()): Result<{ topicId: number; already: boolean }> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return fail("petition.error.invalidLink");
  const hash = sha256(token);
  const sig = db.select().from(signatures).where(eq(signatures.tokenHash, hash)).get();
  if (!sig) return fail("petition.error.invalidLink");
  const p = findPetition(sig.topicId);
  if (!p) return fail("petition.error.invalidLink");
  if (sig.status === "confirmed") return { ok: true, topicId: sig.topicId, already: true };
  if (sig.status !== "pending") return fail("petition.error.invalidLink");
  const problem = signabilityProblem(p, now);
  if (problem) return problem.reason === "petition.error.notFound" ? fail("petition.error.invalidLink") : problem;
  return db.transaction((tx): Result<{ topicId: number; already: boolean }> => {
    const flipped = tx
      .update(signatures)
      .set({ status: "confirmed", confirmedAt: now })
      .where(and(eq(signatures.id, sig.id), eq(signatures.status, "pending")))
      .run();
    if (flipped.changes === 0) return { ok: true, topicId: sig.topicId, already: true };
    const count = bumpCounts(tx, sig.topicId, sig.neighbourhoodId, now, 1, now);
    applyThresholds(tx, sig.topicId, count, now);
    return { ok: true, topicId: sig.topicId, already: false };
  });
}

/** A signed-in signer takes their signature back while the petition is still collecting. */
export function withdrawSignature(actor: PetitionActor, topicId: number, now = new Date()): Result<{ already: boolean }> {
  const p = findPetition(topicId);
  if (!p) return fail("petition.error.notFound");
  if (signabilityProblem(p, now)) return fail("petition.error.withdrawClosed");
  return db.transaction((tx): Result<{ already: boolean }> => {
    const sig = tx
      .select({ id: signatures.id, confirmedAt: signatures.confirmedAt, neighbourhoodId: signatures.neighbourhoodId })
      .from(signatures)
      .where(and(eq(signatures.topicId, topicId), eq(signatures.userId, actor.id), eq(signatures.status, "confirmed")))
      .get();
    if (!sig) return { ok: true, already: true };
    const flipped = tx
      .update(signatures)
      .set({ status: "withdrawn", withdrawnAt: now })
      .where(and(eq(signatures.id, sig.id), eq(signatures.status, "confirmed")))
      .run();
    if (flipped.changes === 0) return { ok: true, already: true };
    bumpCounts(tx, topicId, sig.neighbourhoodId, sig.confirmedAt ?? now, -1, now);
    return { ok: true, already: false };
  });
}

/** The viewer's own signature on a petition, if any. */
export function findOwnSignature(userId: string, topicId: number) {
  return db
    .select({ id: signatures.id, status: signatures.status, showName: signatures.showName, confirmedAt: signatures.confirmedAt })
    .from(signatures)
    .where(and(eq(signatures.topicId, topicId), eq(signatures.userId, userId)))
    .get();
}

// ---------------------------------------------------------------- the council's answer

/**
 * Emails every confirmed signer once about the response or the debate outcome. A signer with an
 * account gets the key notify() uses, so the notice below does not mail them a second time.
 */
function mailSigners(tx: Tx, p: PetitionRecord, eventKey: string, kind: "response" | "debate", body: string, responsibleBody: string) {
  let lastId = 0;
  const subject: MessageKey = kind === "response" ? "petition.email.response.subject" : "petition.email.debate.subject";
  const intro: MessageKey = kind === "response" ? "petition.email.response.intro" : "petition.email.debate.intro";
  for (;;) {
    const batch = tx
      .select({ id: signatures.id, userId: signatures.userId, email: signatures.email, name: signatures.name, locale: signatures.locale })
      .from(signatures)
      .where(and(eq(signatures.topicId, p.id), eq(signatures.status, "confirmed"), isNotNull(signatures.email), gt(signatures.id, lastId)))
      .orderBy(asc(signatures.id))
      .limit(1000)
      .all();
    if (batch.length === 0) break;
    for (const s of batch) {
      enqueueEmail(tx, {
        to: s.email!,
        locale: s.locale,
        name: s.name,
        subject,
        params: { title: publicTitle(p, s.locale), body: responsibleBody },
        paragraphs: [[intro], ["petition.email.outcome.text", { text: body }]],
        action: { label: "petition.email.outcome.action", url: absolute(link(p.id)) },
        dedupeKey: s.userId ? `${eventKey}:${s.userId}` : `${eventKey}:sig-${s.id}`,
      });
    }
    lastId = batch[batch.length - 1]!.id;
  }
}

/** A clerk publishes the council's written response; every signer hears it. */
export function recordResponse(actor: PetitionActor, topicId: number, input: { body: string; responsibleBody: string }, now = new Date()): Result {
  return db.transaction((tx): Result => {
    const p = findPetition(topicId, tx);
    if (!p) return fail("petition.error.notFound");
    const result = transition(stateOf(p), { type: "respond" }, { now });
    if (!result.ok) return refused(result.reason);
    writeState(tx, topicId, result.next, now);
    const outcomeId = addOutcome(tx, { topicId, type: "response", result: "answered", body: input.body, responsibleBody: input.responsibleBody, authorId: actor.id, decidedAt: now });
    addTopicEvent(tx, { topicId, type: "responded", actorId: actor.id, at: now });
    recordAudit(tx, { actorId: actor.id, action: "petition.respond", entityType: "petition", entityId: topicId, before: { status: p.status }, after: { status: result.next.status, outcomeId } });
    const eventKey = `petition-response:${topicId}`;
    if (!p.hidden) mailSigners(tx, p, eventKey, "response", input.body, input.responsibleBody);
    tell(tx, p, [...audience(tx, topicId, actor.id), ...(p.authorId ? [p.authorId] : [])], "petition.notification.responded", { title: publicTitle(p) }, eventKey);
    return { ok: true };
  });
}

/** A clerk plans the debate for a council meeting. */
export function scheduleDebate(actor: PetitionActor, topicId: number, input: { meetingAt: Date }, now = new Date()): Result {
  return db.transaction((tx): Result => {
    const p = findPetition(topicId, tx);
    if (!p) return fail("petition.error.notFound");
    const result = transition(stateOf(p), { type: "schedule-debate", meetingAt: input.meetingAt }, { now });
    if (!result.ok) return refused(result.reason);
    writeState(tx, topicId, result.next, now);
    addTopicEvent(tx, { topicId, type: "scheduled", actorId: actor.id, data: { date: input.meetingAt.toISOString() }, at: now });
    recordAudit(tx, { actorId: actor.id, action: "petition.schedule-debate", entityType: "petition", entityId: topicId, before: { status: p.status, debateScheduledFor: p.debateScheduledFor }, after: { status: result.next.status, debateScheduledFor: input.meetingAt } });
    const ids = [...audience(tx, topicId, actor.id), ...(p.authorId ? [p.authorId] : [])];
    tell(tx, p, ids, "petition.notification.debateScheduled", { title: publicTitle(p), date: localDay(input.meetingAt) }, `petition-scheduled:${topicId}:${input.meetingAt.getTime()}`);
    return { ok: true };
  });
}

/** A clerk publishes what the council's debate concluded; every signer hears it. */
export function recordDebateOutcome(actor: PetitionActor, topicId: number, input: { body: string; responsibleBody: string }, now = new Date()): Result {
  return db.transaction((tx): Result => {
    const p = findPetition(topicId, tx);
    if (!p) return fail("petition.error.notFound");
    const result = transition(stateOf(p), { type: "record-debate" }, { now });
    if (!result.ok) return refused(result.reason);
    writeState(tx, topicId, result.next, now);
    const outcomeId = addOutcome(tx, { topicId, type: "debate", result: "debated", body: input.body, responsibleBody: input.responsibleBody, authorId: actor.id, decidedAt: now });
    addTopicEvent(tx, { topicId, type: "debated", actorId: actor.id, at: now });
    recordAudit(tx, { actorId: actor.id, action: "petition.record-debate", entityType: "petition", entityId: topicId, before: { status: p.status }, after: { status: "debated", outcomeId } });
    const eventKey = `petition-debate:${topicId}`;
    if (!p.hidden) mailSigners(tx, p, eventKey, "debate", input.body, input.responsibleBody);
    tell(tx, p, [...audience(tx, topicId, actor.id), ...(p.authorId ? [p.authorId] : [])], "petition.notification.debated", { title: publicTitle(p) }, eventKey);
    return { ok: true };
  });
}

/** A clerk adds what happens next (who does what, by when). */
export function addPetitionNextStep(
  actor: PetitionActor,
  topicId: number,
  input: { description: string; responsibleBody?: string; dueAt?: Date },
  now = new Date(),
): Result<{ stepId: number }> {
  return db.transaction((tx): Result<{ stepId: number }> => {
    const p = findPetition(topicId, tx);
    if (!p) return fail("petition.error.notFound");
    if (p.status === "rejected" || !p.isPublic) return refused("not-schedulable");
    const stepId = addNextStep(tx, { topicId, description: input.description, responsibleBody: input.responsibleBody ?? null, dueAt: input.dueAt ?? null });
    addTopicEvent(tx, { topicId, type: "next-step-added", actorId: actor.id, data: { description: input.description }, at: now });
    recordAudit(tx, { actorId: actor.id, action: "petition.add-next-step", entityType: "petition", entityId: topicId, after: { stepId, ...input } });
    const ids = [...audience(tx, topicId, actor.id), ...(p.authorId ? [p.authorId] : [])];
    tell(tx, p, ids, "petition.notification.nextStep", { title: publicTitle(p), description: input.description }, `petition-step:${stepId}`);
    return { ok: true, stepId };
  });
}

/** A clerk marks a next step done. */
export function completePetitionNextStep(actor: PetitionActor, topicId: number, stepId: number, now = new Date()): Result {
  return db.transaction((tx): Result => {
    const p = findPetition(topicId, tx);
    if (!p) return fail("petition.error.notFound");
    const step = tx.select().from(nextSteps).where(and(eq(nextSteps.id, stepId), eq(nextSteps.topicId, topicId))).get();
    if (!step) return fail("petition.error.notFound");
    if (step.status === "done") return { ok: true };
    tx.update(nextSteps).set({ status: "done", completedAt: now }).where(eq(nextSteps.id, stepId)).run();
    addTopicEvent(tx, { topicId, type: "next-step-done", actorId: actor.id, data: { description: step.description }, at: now });
    recordAudit(tx, { actorId: actor.id, action: "petition.complete-next-step", entityType: "petition", entityId: topicId, before: { stepId, status: step.status }, after: { stepId, status: "done" } });
    const ids = [...audience(tx, topicId, actor.id), ...(p.authorId ? [p.authorId] : [])];
    tell(tx, p, ids, "petition.notification.nextStepDone", { title: publicTitle(p), description: step.description }, `petition-step-done:${stepId}`);
    return { ok: true };
  });
}

// ---------------------------------------------------------------- jobs

/** Closes every petition whose deadline has passed (one transaction each). Returns how many. */
export function closeExpiredPetitions(now = new Date()): number {
  const due = db
    .select({ id: topics.id })
    .from(topics)
    .where(and(eq(topics.kind, "petition"), inArray(topics.status, [...COLLECTING_STATES]), isNull(topics.closedAt), sql`${topics.closesAt} <= ${now.getTime()}`))
    .all();
  let closed = 0;
  for (const { id } of due) {
    db.transaction((tx) => {
      const p = findPetition(id, tx);
      if (!p) return;
      const result = transition(stateOf(p), { type: "close" }, { now });
      if (!result.ok) return;
      writeState(tx, id, result.next, now);
      addTopicEvent(tx, { topicId: id, type: "closed", at: now });
      tell(tx, p, [...audience(tx, id), ...(p.authorId ? [p.authorId] : [])], "petition.notification.closed", { title: publicTitle(p), count: p.supportCount }, `petition-closed:${id}`);
      closed++;
    });
  }
  return closed;
}

/** What an anonymised signature keeps: status, neighbourhood and dates, so every count stays right. */
function anonymiseWhere(tx: Tx, where: SQL, now: Date): number {
  return tx
    .update(signatures)
    .set({
      name: null, email: null, postcode: null, userId: null, tokenHash: null, showName: false,
      emailCanonical: sql`'anon:' || ${signatures.id}`, anonymisedAt: now,
    })
    .where(and(where, isNull(signatures.anonymisedAt)))
    .run().changes;
}

/**
 * Signatures of petitions closed more than signatureAnonymiseMonths ago lose everything personal;
 * unconfirmed ones, never counted, are deleted. Returns how many rows changed.
 */
export function anonymiseOldSignatures(now = new Date()): number {
  const cutoff = new Date(now);
  cutoff.setMonth(cutoff.getMonth() - getSetting("signatureAnonymiseMonths"));
  const due = db
    .select({ id: topics.id })
    .from(topics)
    .where(and(eq(topics.kind, "petition"), isNotNull(topics.closedAt), sql`${topics.closedAt} <= ${cutoff.getTime()}`))
    .all();
  let changed = 0;
  for (const { id } of due) {
    changed += db.transaction((tx) => {
      const deleted = tx.delete(signatures).where(and(eq(signatures.topicId, id), eq(signatures.status, "pending"))).run().changes;
      return deleted + anonymiseWhere(tx, eq(signatures.topicId, id), now);
    });
  }
  return changed;
}

// ---------------------------------------------------------------- privacy

/** A person's signatures: those made with their account and those made with their address as a guest. */
function ownSignatures(userId: string, emailCanonical: string | null): SQL {
  return emailCanonical ? or(eq(signatures.userId, userId), eq(signatures.emailCanonical, emailCanonical))! : eq(signatures.userId, userId);
}

export function collectPetitionData(tx: DB | Tx, userId: string) {
  const person = tx.select({ emailCanonical: users.emailCanonical }).from(users).where(eq(users.id, userId)).get();
  const authored = tx
    .select({ id: topics.id, title: topics.title, request: petitions.request, background: topics.body, status: topics.status, createdAt: topics.createdAt, submittedAt: topics.submittedAt, publishedAt: topics.publishedAt })
    .from(topics)
    .innerJoin(petitions, eq(petitions.topicId, topics.id))
    .where(and(eq(topics.kind, "petition"), eq(topics.authorId, userId)))
    .all();
  const signed = tx
    .select({
      petitionId: signatures.topicId, petitionTitle: topics.title, name: signatures.name, email: signatures.email,
      postcode: signatures.postcode, showName: signatures.showName, status: signatures.status,
      createdAt: signatures.createdAt, confirmedAt: signatures.confirmedAt, withdrawnAt: signatures.withdrawnAt,
    })
    .from(signatures)
    .innerJoin(topics, eq(topics.id, signatures.topicId))
    .where(and(ownSignatures(userId, person?.emailCanonical ?? null), isNull(signatures.anonymisedAt)))
    .all();
  const sponsored = tx
    .select({ petitionId: petitionSponsors.topicId, createdAt: petitionSponsors.createdAt })
    .from(petitionSponsors)
    .where(eq(petitionSponsors.userId, userId))
    .all();
  return { petitions: authored, signatures: signed, sponsorships: sponsored };
}

/** Account deletion: signatures are anonymised but keep counting; authored petitions stay with their author id. */
export function erasePetitionData(tx: Tx, userId: string, now = new Date()): void {
  const person = tx.select({ emailCanonical: users.emailCanonical }).from(users).where(eq(users.id, userId)).get();
  tx.delete(signatures).where(and(ownSignatures(userId, person?.emailCanonical ?? null), eq(signatures.status, "pending"))).run();
  anonymiseWhere(tx, ownSignatures(userId, person?.emailCanonical ?? null), now);
}

// ---------------------------------------------------------------- pages

export type PetitionListItem = {
  id: number; title: string; summary: string; status: PetitionStatus; supportCount: number;
  closesAt: Date | null; closedAt: Date | null; publishedAt: Date | null; hideText: boolean; responseThreshold: number | null;
};

const PAGE_SIZE = 20;

/** The public list: one view of the states, sorted and paged; hidden petitions never appear. */
export function listPetitions(query: { status: ListFilter; sort: ListSort; page: number; q: string }) {
  const conditions: SQL[] = [eq(topics.kind, "petition"), eq(topics.isPublic, true), eq(topics.hidden, false)];
  switch (query.status) {
    case "open":
      conditions.push(inArray(topics.status, [...COLLECTING_STATES]), isNull(topics.closedAt));
      break;
    case "awaiting-response":
      conditions.push(inArray(topics.status, [...AWAITING_COUNCIL_STATES]));
      break;
    case "responded":
    case "debated":
    case "rejected":
      conditions.push(eq(topics.status, query.status));
      break;
    case "closed":
      conditions.push(isNotNull(topics.closedAt), ne(topics.status, "rejected"));
      break;
  }
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`${topics.title} LIKE ${pattern} ESCAPE '\\'`);
  }
  const where = and(...conditions);
  const order =
    query.sort === "newest"
      ? [desc(topics.publishedAt), desc(topics.id)]
      : query.sort === "closing"
        ? [sql`${topics.closesAt} IS NULL`, asc(topics.closesAt), asc(topics.id)]
        : [desc(topics.supportCount), desc(topics.id)];
  const total = db.select({ n: sql<number>`count(*)` }).from(topics).where(where).get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const items = db
    .select({
      id: topics.id, title: topics.title, summary: topics.summary, status: topics.status, supportCount: topics.supportCount,
      closesAt: topics.closesAt, closedAt: topics.closedAt, publishedAt: topics.publishedAt,
      hideText: petitions.hideText, responseThreshold: petitions.responseThreshold,
    })
    .from(topics)
    .innerJoin(petitions, eq(petitions.topicId, topics.id))
    .where(where)
    .orderBy(...order)
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .all() as PetitionListItem[];
  return { items, total, page, pages };
}

/** The petitions a person started (drafts included) and the ones they signed with their account. */
export function listMyPetitions(userId: string) {
  const authored = db
    .select({ id: topics.id, title: topics.title, status: topics.status, supportCount: topics.supportCount, createdAt: topics.createdAt, hideText: petitions.hideText, sponsorCount: petitions.sponsorCount, sponsorsRequired: petitions.sponsorsRequired })
    .from(topics)
    .innerJoin(petitions, eq(petitions.topicId, topics.id))
    .where(and(eq(topics.kind, "petition"), eq(topics.authorId, userId)))
    .orderBy(desc(topics.createdAt), desc(topics.id))
    .all();
  const signed = db
    .select({ id: topics.id, title: topics.title, status: topics.status, supportCount: topics.supportCount, signedAt: signatures.confirmedAt, hideText: petitions.hideText })
    .from(signatures)
    .innerJoin(topics, eq(topics.id, signatures.topicId))
    .innerJoin(petitions, eq(petitions.topicId, topics.id))
    .where(and(eq(signatures.userId, userId), eq(signatures.status, "confirmed"), eq(topics.hidden, false)))
    .orderBy(desc(signatures.confirmedAt))
    .all();
  return {
    authored: authored.map((r) => ({ ...r, status: r.status as PetitionStatus })),
    signed: signed.map((r) => ({ ...r, status: r.status as PetitionStatus })),
  };
}

/** Confirmed signatures per day (only days that had any). */
export function signaturesOverTime(topicId: number) {
  return db
    .select({ day: signatureDailyCounts.day, count: signatureDailyCounts.count })
    .from(signatureDailyCounts)
    .where(eq(signatureDailyCounts.topicId, topicId))
    .orderBy(asc(signatureDailyCounts.day))
    .all();
}

export function signaturesByNeighbourhood(topicId: number) {
  return db
    .select({ neighbourhoodId: signatureNeighbourhoodCounts.neighbourhoodId, name: neighbourhoods.name, count: signatureNeighbourhoodCounts.count })
    .from(signatureNeighbourhoodCounts)
    .leftJoin(neighbourhoods, eq(neighbourhoods.id, signatureNeighbourhoodCounts.neighbourhoodId))
    .where(and(eq(signatureNeighbourhoodCounts.topicId, topicId), gt(signatureNeighbourhoodCounts.count, 0)))
    .orderBy(desc(signatureNeighbourhoodCounts.count))
    .all();
}

export const NAMES_PAGE_SIZE = 25;

/** Names of signers who chose to show them, newest first; one extra row tells whether there is a next page. */
export function publicSignerNames(topicId: number, page: number) {
  const rows = db
    .select({ id: signatures.id, name: signatures.name, confirmedAt: signatures.confirmedAt })
    .from(signatures)
    .where(and(eq(signatures.topicId, topicId), eq(signatures.showName, true), eq(signatures.status, "confirmed" satisfies SignatureStatus)))
    .orderBy(desc(signatures.confirmedAt), desc(signatures.id))
    .limit(NAMES_PAGE_SIZE + 1)
    .offset((page - 1) * NAMES_PAGE_SIZE)
    .all();
  return { names: rows.slice(0, NAMES_PAGE_SIZE).filter((r) => r.name), hasMore: rows.length > NAMES_PAGE_SIZE };
}

/** The small count endpoint's answer. */
export function petitionCount(topicId: number) {
  const row = db
    .select({ id: topics.id, count: topics.supportCount, status: topics.status, updatedAt: topics.updatedAt, isPublic: topics.isPublic, hidden: topics.hidden, authorId: topics.authorId })
    .from(topics)
    .where(and(eq(topics.id, topicId), eq(topics.kind, "petition")))
    .get();
  return row;
}

/** Open data for one petition: no personal data, only dates, status and counts. */
export function petitionOpenData(p: PetitionRecord) {
  return {
    id: p.id,
    title: p.hideText ? null : p.title,
    status: p.status,
    rejectionCode: p.rejectionCode,
    publishedAt: p.publishedAt?.toISOString() ?? null,
    closesAt: p.closesAt?.toISOString() ?? null,
    closedAt: p.closedAt?.toISOString() ?? null,
    responseThreshold: p.responseThreshold,
    debateThreshold: p.debateThreshold,
    responseRequestedAt: p.responseRequestedAt?.toISOString() ?? null,
    debateRequestedAt: p.debateRequestedAt?.toISOString() ?? null,
    debateScheduledFor: p.debateScheduledFor?.toISOString() ?? null,
    respondedAt: p.respondedAt?.toISOString() ?? null,
    debatedAt: p.debatedAt?.toISOString() ?? null,
    signatureCount: p.supportCount,
    signaturesPerDay: signaturesOverTime(p.id).map((r) => ({ date: r.day, count: r.count })),
    signaturesPerNeighbourhood: signaturesByNeighbourhood(p.id).map((r) => ({ neighbourhood: r.name ?? null, count: r.count })),
  };
}

export function petitionOpenDataCsv(p: PetitionRecord, labels: { outside: string }): string {
  const data = petitionOpenData(p);
  const rows: Array<Array<string | number | null>> = [["section", "key", "value"]];
  rows.push(["petition", "id", data.id]);
  rows.push(["petition", "title", data.title]);
  rows.push(["petition", "status", data.status]);
  for (const key of ["publishedAt", "closesAt", "closedAt", "respondedAt", "debatedAt"] as const) rows.push(["petition", key, data[key]]);
  rows.push(["petition", "signatureCount", data.signatureCount]);
  for (const d of data.signaturesPerDay) rows.push(["day", d.date, d.count]);
  for (const n of data.signaturesPerNeighbourhood) rows.push(["neighbourhood", n.neighbourhood ?? labels.outside, n.count]);
  return csvRows(rows);
}

/** The public timeline of a petition. */
export function petitionTimeline(topicId: number) {
  return db
    .select({ id: topicEvents.id, type: topicEvents.type, data: topicEvents.data, createdAt: topicEvents.createdAt })
    .from(topicEvents)
    .where(and(eq(topicEvents.topicId, topicId), eq(topicEvents.isPublic, true)))
    .orderBy(asc(topicEvents.createdAt), asc(topicEvents.id))
    .all();
}

/** The next steps of a petition, for the clerk's page. */
export function listPetitionNextSteps(topicId: number) {
  return db.select().from(nextSteps).where(eq(nextSteps.topicId, topicId)).orderBy(asc(nextSteps.dueAt), asc(nextSteps.id)).all();
}

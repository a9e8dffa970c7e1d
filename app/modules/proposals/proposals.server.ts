// Agenda proposals (inwonersinitiatief): one function per use case, each deciding through the pure
// rules (proposals.rules.ts) and writing the status, the timeline event, the audit entry and the
// notices through the outcome service in one transaction.
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { neighbourhoods, outcomes, proposals, topics, type InadmissibleReason, type ProposalState } from "#db/schema";
import type { MessageKey } from "~/i18n";
import { getSetting } from "~/modules/settings/settings.server";
import { topicTimeline } from "~/modules/topics/outcomes.server";
import { authorName, followTopicTx, getOutcomeBlock, insertTopic, isFollowing, listTimeline, searchTopics, updateTopicText } from "~/modules/topics/topics.server";
import { pageRows, topicListPage } from "~/modules/topics/topics.lists.server";
import { db, type DB, type Tx } from "~/utils/db.server";
import type { PageCursor } from "~/utils/keyset";
import { keysetCondition, keysetOrderBy, keysetPage } from "~/utils/keyset.server";
import { can, type Actor } from "~/utils/permissions";
import type { Outcome, RefusalMessages } from "~/utils/refusal";
import { proposalKind } from "./proposals.kind";
import {
  admissibilityDueAt,
  admissibilityRefusal,
  daysLeft,
  excludedSubjects,
  isOverdue,
  isPublicState,
  move,
  supportThreshold,
  windowClosesAt,
  withinWaitingPeriod,
  LISTED_STATES,
} from "./proposals.rules";
import { supportBlockFor } from "./proposals.eligibility.server";

/** The outcome service for proposals: the shared timeline events and the proposal's own (proposals.kind.ts). */
const proposalTimeline = topicTimeline(proposalKind);

export type ProposalRefusal =
  | "not-found"
  | "not-allowed-now"
  | "blocked"
  | "email-unverified"
  | "rate-limited"
  | "submission-reused"
  | "unknown-neighbourhood"
  | "earlier-not-found"
  | "recently-decided-blocks"
  | "recently-decided-unfounded";
export type ProposalResult<T extends object = object> = Outcome<T, ProposalRefusal>;

export const PROPOSAL_REFUSAL_MESSAGES: RefusalMessages<ProposalRefusal> = {
  "not-found": "proposal.error.notFound",
  "not-allowed-now": "proposal.error.notAllowedNow",
  blocked: "comment.error.blocked",
  "email-unverified": "comment.error.emailUnverified",
  "rate-limited": "discussion.new.rateLimited",
  "submission-reused": "form.submissionInvalid",
  "unknown-neighbourhood": "proposal.error.unknownNeighbourhood",
  "earlier-not-found": "proposal.error.earlierNotFound",
  "recently-decided-blocks": "proposal.error.recentlyDecidedBlocks",
  "recently-decided-unfounded": "proposal.error.recentlyDecidedUnfounded",
};

export interface ProposalText {
  title: string;
  decision: string;
  reasons: string;
  neighbourhoodId: number | null;
}

type ProposalRow = {
  id: number;
  title: string;
  status: ProposalState;
  authorId: string | null;
  isPublic: boolean;
  hidden: boolean;
  supportCount: number;
  closesAt: Date | null;
  closedAt: Date | null;
  submittedAt: Date | null;
  decision: string;
  threshold: number | null;
  admissibilityDueAt: Date | null;
  admissibilityCheckedAt: Date | null;
  inadmissibleReason: InadmissibleReason | null;
  admissibilityNote: string | null;
  earlierTopicId: number | null;
};

function findProposal(tx: DB | Tx, topicId: number): ProposalRow | undefined {
  const row = tx
    .select({
      id: topics.id, title: topics.title, status: topics.status, authorId: topics.authorId, isPublic: topics.isPublic, hidden: topics.hidden,
      supportCount: topics.supportCount, closesAt: topics.closesAt, closedAt: topics.closedAt, submittedAt: topics.submittedAt,
      decision: proposals.decision, threshold: proposals.threshold, admissibilityDueAt: proposals.admissibilityDueAt,
      admissibilityCheckedAt: proposals.admissibilityCheckedAt, inadmissibleReason: proposals.inadmissibleReason,
      admissibilityNote: proposals.admissibilityNote, earlierTopicId: proposals.earlierTopicId,
    })
    .from(topics)
    .innerJoin(proposals, eq(proposals.topicId, topics.id))
    .where(and(eq(topics.id, topicId), eq(topics.kind, "proposal")))
    .get();
  return row && { ...row, status: row.status as ProposalState };
}

function neighbourhoodExists(tx: DB | Tx, id: number | null): boolean {
  return id === null || Boolean(tx.select({ id: neighbourhoods.id }).from(neighbourhoods).where(eq(neighbourhoods.id, id)).get());
}

/**
 * A resident drafts a proposal: only they see it until a clerk has checked it. With a submission
 * key (the form's hidden field) a repeat of the same post finds the draft the first one made.
 * `admit` is the caller's rate limit, asked only for a post that would make a new draft.
 */
export function draftProposal(
  actor: Actor,
  input: ProposalText & { submissionKey?: string | null },
  options: { now?: Date; admit?: () => boolean } = {},
): ProposalResult<{ topicId: number }> {
  const now = options.now ?? new Date();
  if (actor.blocked) return { ok: false, reason: "blocked" };
  if (!actor.emailVerified) return { ok: false, reason: "email-unverified" };
  const key = input.submissionKey ?? null;
  return db.transaction((tx): ProposalResult<{ topicId: number }> => {
    if (key) {
      const earlier = tx.select({ id: topics.id, kind: topics.kind }).from(topics).where(and(eq(topics.authorId, actor.id), eq(topics.submissionKey, key))).get();
      if (earlier) return earlier.kind === "proposal" ? { ok: true, topicId: earlier.id } : { ok: false, reason: "submission-reused" };
    }
    if (!neighbourhoodExists(tx, input.neighbourhoodId)) return { ok: false, reason: "unknown-neighbourhood", field: "neighbourhoodId" };
    if (options.admit && !options.admit()) return { ok: false, reason: "rate-limited" };
    const id = insertTopic(tx, {
      kind: "proposal", title: input.title, summary: summaryOf(input.decision), body: input.reasons, authorId: actor.id,
      status: "draft" satisfies ProposalState, isPublic: false, neighbourhoodId: input.neighbourhoodId,
    });
    tx.update(topics).set({ createdAt: now, updatedAt: now, submissionKey: key }).where(eq(topics.id, id)).run();
    tx.insert(proposals).values({ topicId: id, decision: input.decision }).run();
    followTopicTx(tx, actor.id, id);
    return { ok: true, topicId: id };
  });
}

/** The first words of what the council should decide: what lists and search show beside the title. */
function summaryOf(decision: string): string {
  const plain = decision.replace(/\s+/g, " ").trim();
  return plain.length > 280 ? `${plain.slice(0, 277)}...` : plain;
}

/** The author changes their draft. */
export function editDraft(actor: Actor, topicId: number, input: ProposalText): ProposalResult {
  return db.transaction((tx): ProposalResult => {
    const p = findProposal(tx, topicId);
    if (!p || !can(actor, "proposal:read", p)) return { ok: false, reason: "not-found" };
    if (!can(actor, "proposal:edit", p)) return { ok: false, reason: "not-allowed-now" };
    if (!neighbourhoodExists(tx, input.neighbourhoodId)) return { ok: false, reason: "unknown-neighbourhood", field: "neighbourhoodId" };
    updateTopicText(tx, topicId, { title: input.title, summary: summaryOf(input.decision), body: input.reasons });
    tx.update(topics).set({ neighbourhoodId: input.neighbourhoodId }).where(eq(topics.id, topicId)).run();
    tx.update(proposals).set({ decision: input.decision }).where(eq(proposals.topicId, topicId)).run();
    return { ok: true };
  });
}

/** Moves the status only from the one it was read in: a second request racing this one changes nothing. */
function advance(tx: Tx, p: ProposalRow, next: ProposalState, now: Date, extra: Partial<typeof topics.$inferInsert> = {}): boolean {
  return (
    tx
      .update(topics)
      .set({ status: next, isPublic: isPublicState(next, p.isPublic), updatedAt: now, ...extra })
      .where(and(eq(topics.id, p.id), eq(topics.status, p.status)))
      .run().changes === 1
  );
}

/** The author submits their draft to the clerks, who check it within the deadline setting. A repeat is the same request. */
export function submitProposal(actor: Actor, topicId: number, now = new Date()): ProposalResult<{ already?: boolean }> {
  return db.transaction((tx): ProposalResult<{ already?: boolean }> => {
    const p = findProposal(tx, topicId);
    if (!p || !can(actor, "proposal:read", p)) return { ok: false, reason: "not-found" };
    if (p.status === "submitted" && p.authorId === actor.id) return { ok: true, already: true };
    if (!can(actor, "proposal:edit", p)) return { ok: false, reason: "not-allowed-now" };
    const next = move(p.status, "submit", { by: "author" });
    if (!next.ok || !advance(tx, p, next.next, now, { submittedAt: now })) return { ok: false, reason: "not-allowed-now" };
    tx.update(proposals).set({ admissibilityDueAt: admissibilityDueAt(now, getSetting("proposalAdmissibilityDays")) }).where(eq(proposals.topicId, topicId)).run();
    proposalTimeline.record(tx, { topicId, type: "submitted", payload: {}, actor, at: now });
    return { ok: true };
  });
}

export type AdmissibilityDecision = { admissible: true } | { admissible: false; reason: InadmissibleReason };

/** The latest decision on a topic, for the waiting period: the date of its newest outcome. */
function latestDecisionAt(tx: DB | Tx, topicId: number): Date | null {
  const row = tx.select({ at: outcomes.decidedAt }).from(outcomes).where(eq(outcomes.topicId, topicId)).orderBy(desc(outcomes.decidedAt)).limit(1).get();
  return row?.at ?? null;
}

/**
 * A clerk checks a submitted proposal. Admissible: the support window opens now for the threshold
 * the settings give now (kept with the proposal). Inadmissible: with a reason code and a note the
 * author is told. The clerk may name an earlier topic on the same subject: when the council
 * decided it within the waiting period, only "inadmissible, recently decided" is accepted. A
 * repeat of the same decision is the same request.
 */
export function decideAdmissibility(
  clerk: Actor,
  topicId: number,
  input: { decision: AdmissibilityDecision; note: string | null; earlierTopicId: number | null },
  now = new Date(),
): ProposalResult<{ already?: boolean }> {
  return db.transaction((tx): ProposalResult<{ already?: boolean }> => {
    if (!can(clerk, "proposal:check-admissibility")) return { ok: false, reason: "not-allowed-now" };
    const p = findProposal(tx, topicId);
    if (!p) return { ok: false, reason: "not-found" };
    const same = input.decision.admissible ? p.status === "collecting" : p.status === "inadmissible" && p.inadmissibleReason === input.decision.reason;
    if (p.admissibilityCheckedAt && same) return { ok: true, already: true };
    const next = move(p.status, input.decision.admissible ? "admit" : "refuse", { by: "clerk" });
    if (!next.ok) return { ok: false, reason: "not-allowed-now" };
    let decidedAt: Date | null = null;
    if (input.earlierTopicId !== null) {
      const earlier = tx.select({ id: topics.id }).from(topics).where(eq(topics.id, input.earlierTopicId)).get();
      if (!earlier || earlier.id === topicId) return { ok: false, reason: "earlier-not-found", field: "earlierTopicId" };
      decidedAt = latestDecisionAt(tx, earlier.id);
    }
    const blocked = admissibilityRefusal(input.decision, {
      named: input.earlierTopicId !== null,
      decidedWithinWaitingPeriod: withinWaitingPeriod(decidedAt, now, getSetting("proposalWaitingMonths")),
    });
    if (blocked) return { ok: false, reason: blocked, field: blocked === "recently-decided-blocks" ? "decision" : "earlierTopicId" };
    const checked = { admissibilityCheckedAt: now, admissibilityCheckedBy: clerk.id, admissibilityNote: input.note, earlierTopicId: input.earlierTopicId };
    const note = input.note ?? "";
    if (input.decision.admissible) {
      const threshold = supportThreshold({
        type: getSetting("proposalThresholdType"),
        absolute: getSetting("proposalThresholdAbsolute"),
        percentage: getSetting("proposalThresholdPercentage"),
        residents: getSetting("proposalResidentCount"),
      });
      const days = getSetting("proposalSupportDays");
      const closesAt = windowClosesAt(now, days);
      if (!advance(tx, p, next.next, now, { publishedAt: now, closesAt })) return { ok: false, reason: "not-allowed-now" };
      tx.update(proposals).set({ ...checked, threshold, inadmissibleReason: null }).where(eq(proposals.topicId, topicId)).run();
      proposalTimeline.record(tx, {
        topicId, type: "admissible", payload: { threshold, days }, actor: clerk, at: now,
        audit: { action: "proposal.admissible", before: { status: p.status }, after: { status: next.next, threshold, closesAt }, reason: input.note },
        notice: { type: "proposal.notice.admissible", data: { title: p.title, threshold, note }, audience: ["author", "followers"] },
      });
    } else {
      const reason = input.decision.reason;
      if (!advance(tx, p, next.next, now, { closedAt: now })) return { ok: false, reason: "not-allowed-now" };
      tx.update(proposals).set({ ...checked, inadmissibleReason: reason }).where(eq(proposals.topicId, topicId)).run();
      proposalTimeline.record(tx, {
        topicId, type: "inadmissible", payload: { reason: `proposal.inadmissible.${reason}` }, actor: clerk, at: now,
        audit: { action: "proposal.inadmissible", before: { status: p.status }, after: { status: next.next, reason }, reason: input.note },
        notice: { type: `proposal.notice.inadmissible.${reason}`, data: { title: p.title, note }, audience: ["author", "followers"] },
      });
    }
    return { ok: true };
  });
}

/** The author takes their proposal back before it reaches the council; supporters and followers hear of it. */
export function withdrawProposal(actor: Actor, topicId: number, now = new Date()): ProposalResult<{ already?: boolean }> {
  return db.transaction((tx): ProposalResult<{ already?: boolean }> => {
    const p = findProposal(tx, topicId);
    if (!p || !can(actor, "proposal:read", p)) return { ok: false, reason: "not-found" };
    if (p.status === "withdrawn" && p.authorId === actor.id) return { ok: true, already: true };
    if (!can(actor, "proposal:withdraw", p)) return { ok: false, reason: "not-allowed-now" };
    const next = move(p.status, "withdraw", { by: "author" });
    if (!next.ok || !advance(tx, p, next.next, now, { closedAt: now })) return { ok: false, reason: "not-allowed-now" };
    // Off the clerks' queue: nothing is left to check.
    tx.update(proposals).set({ admissibilityDueAt: null }).where(eq(proposals.topicId, topicId)).run();
    if (p.isPublic) {
      proposalTimeline.record(tx, { topicId, type: "withdrawn", payload: {}, actor, at: now, notice: { type: "proposal.notice.withdrawn", data: { title: p.title } } });
    }
    return { ok: true };
  });
}

/** How many proposals the expiry job handles per transaction (each commits, so a restart resumes). */
export const EXPIRY_BATCH = 50;

/**
 * Expires the proposals whose window ended short of the threshold, in short batches, each in its own
 * transaction: the status, the public event, and the notice to supporters, followers and the author
 * (once: the event is once per topic). Returns how many expired.
 */
export function expireProposals(now = new Date(), batch = EXPIRY_BATCH, maxBatches = 20): number {
  let expired = 0;
  // At most maxBatches per run: a backlog is worked off over the next ticks, never in one long stall.
  for (let round = 0; round < maxBatches; round++) {
    const due = db
      .select({ id: topics.id })
      .from(topics)
      .where(and(eq(topics.kind, "proposal"), eq(topics.status, "collecting" satisfies ProposalState), isNull(topics.closedAt), sql`${topics.closesAt} <= ${now.getTime()}`))
      .orderBy(asc(topics.closesAt))
      .limit(batch)
      .all();
    if (due.length === 0) return expired;
    db.transaction((tx) => {
      for (const { id } of due) {
        const p = findProposal(tx, id);
        if (!p) continue;
        const next = move(p.status, "expire", { by: "system", windowEnded: Boolean(p.closesAt && p.closesAt <= now) });
        if (!next.ok || !advance(tx, p, next.next, now, { closedAt: now })) continue;
        proposalTimeline.record(tx, {
          topicId: id, type: "expired", payload: { count: p.supportCount, threshold: p.threshold ?? 0 }, actor: null, at: now,
          notice: { type: "proposal.notice.expired", data: { title: p.title, count: p.supportCount, threshold: p.threshold ?? 0 } },
        });
        expired++;
      }
    });
    if (due.length < batch) return expired;
  }
  return expired;
}

/**
 * The threshold reached (called by the support module in the transaction that counted): the
 * proposal stops collecting and goes to the council. False when its rules refuse the move.
 */
export function reachProposalThreshold(tx: Tx, topicId: number, now: Date): false | { type: MessageKey; data: Record<string, string | number> } {
  const p = findProposal(tx, topicId);
  if (!p) return false;
  const next = move(p.status, "reach-threshold", { by: "system" });
  if (!next.ok || !advance(tx, p, next.next, now, { closedAt: now })) return false;
  return { type: "proposal.notice.thresholdReached", data: { title: p.title, threshold: p.threshold ?? 0 } };
}

/** The threshold a collecting proposal was admitted with (null before admission). */
export function thresholdOf(tx: DB | Tx, topicId: number): number | null {
  return tx.select({ threshold: proposals.threshold }).from(proposals).where(eq(proposals.topicId, topicId)).get()?.threshold ?? null;
}

// ---------------------------------------------------------------- reading

/** Topics on similar subjects, for the author before submitting: the search module's query for each of the title's longest words. */
export function relatedTopics(text: string, options: { excludeId?: number; limit?: number } = {}) {
  const limit = options.limit ?? 5;
  const words = [...new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 5))].sort((a, b) => b.length - a.length).slice(0, 4);
  const score = new Map<number, { hit: { id: number; kind: string; title: string; status: string }; n: number }>();
  for (const word of words) {
    for (const hit of searchTopics(word, { limit: 10 }).hits) {
      if (hit.id === options.excludeId) continue;
      const known = score.get(hit.id);
      if (known) known.n++;
      else score.set(hit.id, { hit: { id: hit.id, kind: hit.kind, title: hit.title, status: hit.status }, n: 1 });
    }
  }
  return [...score.values()].sort((a, b) => b.n - a.n || b.hit.id - a.hit.id).slice(0, limit).map((s) => s.hit);
}

/** What the drafting page shows beside the form: the excluded subjects and who may support. */
export function verordening() {
  return {
    excludedSubjects: excludedSubjects(getSetting("proposalExcludedSubjects")),
    supportDays: getSetting("proposalSupportDays"),
    threshold: supportThreshold({
      type: getSetting("proposalThresholdType"),
      absolute: getSetting("proposalThresholdAbsolute"),
      percentage: getSetting("proposalThresholdPercentage"),
      residents: getSetting("proposalResidentCount"),
    }),
    whoMaySupport: getSetting("proposalWhoMaySupport"),
    minimumAge: getSetting("proposalMinimumAge"),
  };
}

export function neighbourhoodOptions() {
  return db.select({ id: neighbourhoods.id, name: neighbourhoods.name }).from(neighbourhoods).orderBy(asc(neighbourhoods.name)).all();
}

/** A proposal's page, or null when it does not exist or this person may not see it. */
export function getProposalPage(topicId: number, actor: Actor | null, now = new Date()) {
  const topic = db.select().from(topics).where(and(eq(topics.id, topicId), eq(topics.kind, "proposal"))).get();
  if (!topic || !can(actor, "proposal:read", topic)) return null;
  const p = db.select().from(proposals).where(eq(proposals.topicId, topicId)).get();
  if (!p) return null;
  const status = topic.status as ProposalState;
  const neighbourhood = topic.neighbourhoodId ? db.select({ name: neighbourhoods.name }).from(neighbourhoods).where(eq(neighbourhoods.id, topic.neighbourhoodId)).get()?.name ?? null : null;
  const collecting = status === "collecting" && topic.closesAt !== null && topic.closesAt > now;
  return {
    id: topic.id,
    title: topic.title,
    decision: p.decision,
    bodyHtml: topic.bodyHtml,
    status,
    hidden: topic.hidden,
    locked: topic.locked,
    neighbourhood,
    authorName: authorName(topic.authorId),
    isAuthor: Boolean(actor && topic.authorId === actor.id),
    createdAt: topic.createdAt.toISOString(),
    submittedAt: topic.submittedAt?.toISOString() ?? null,
    publishedAt: topic.publishedAt?.toISOString() ?? null,
    closesAt: topic.closesAt?.toISOString() ?? null,
    supportCount: topic.supportCount,
    followerCount: topic.followerCount,
    threshold: p.threshold,
    daysLeft: collecting && topic.closesAt ? daysLeft(topic.closesAt, now) : null,
    inadmissibleReason: p.inadmissibleReason,
    admissibilityNote: p.admissibilityNote,
    following: actor ? isFollowing(actor.id, topic.id) : false,
    canFollow: Boolean(actor) && can(actor, "topic:follow", topic),
    canEdit: can(actor, "proposal:edit", topic),
    canWithdraw: can(actor, "proposal:withdraw", topic),
    canCheck: status === "submitted" && can(actor, "proposal:check-admissibility"),
    canFlag: Boolean(actor) && can(actor, "flag:create") && topic.authorId !== actor?.id && !topic.hidden && topic.isPublic,
    support: collecting ? supportBlockFor(actor, topic, now) : null,
    timeline: listTimeline(topic.id).map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
    outcome: serialiseOutcome(getOutcomeBlock(topic.id)),
  };
}

function serialiseOutcome(block: ReturnType<typeof getOutcomeBlock>) {
  return {
    outcomes: block.outcomes.map((o) => ({ ...o, decidedAt: o.decidedAt.toISOString() })),
    nextSteps: block.nextSteps.map((s) => ({ id: s.id, description: s.description, responsibleBody: s.responsibleBody, dueAt: s.dueAt?.toISOString() ?? null, status: s.status })),
  };
}

/** A draft as its author edits it. */
export function getDraft(topicId: number, actor: Actor) {
  const p = findProposal(db, topicId);
  if (!p || !can(actor, "proposal:edit", p)) return null;
  const neighbourhoodId = db.select({ id: topics.neighbourhoodId }).from(topics).where(eq(topics.id, topicId)).get()?.id ?? null;
  const reasons = db.select({ body: topics.body }).from(topics).where(eq(topics.id, topicId)).get()?.body ?? "";
  return { id: p.id, title: p.title, decision: p.decision, reasons, neighbourhoodId };
}

export const PROPOSALS_PAGE_SIZE = 20;


/** Public, visible proposals: pages by key (topics.lists.server), most supported first. */
export function listProposals(filter: { status?: ProposalState; cursor: PageCursor | null }) {
  const states = filter.status ? [filter.status] : LISTED_STATES;
  const page = topicListPage({
    kind: "proposal",
    segments: states.flatMap((status) => [{ status, closed: false }, { status, closed: true }]),
    order: "support",
    cursor: filter.cursor,
    size: PROPOSALS_PAGE_SIZE,
  });
  const rows = pageRows(page.ids, (byIds) =>
    db
      .select({ id: topics.id, title: topics.title, summary: topics.summary, status: topics.status, supportCount: topics.supportCount, closesAt: topics.closesAt, threshold: proposals.threshold })
      .from(topics)
      .innerJoin(proposals, eq(proposals.topicId, topics.id))
      .where(byIds)
      .all(),
  );
  return { rows: rows.map((r) => ({ ...r, closesAt: r.closesAt?.toISOString() ?? null })), next: page.next, prev: page.prev, total: page.total, more: page.more };
}

/** A person's own proposals (drafts included), newest first. */
export function myProposals(actor: Actor) {
  return db
    .select({ id: topics.id, title: topics.title, status: topics.status, createdAt: topics.createdAt })
    .from(topics)
    .where(and(eq(topics.authorId, actor.id), eq(topics.kind, "proposal")))
    .orderBy(desc(topics.id))
    .limit(50)
    .all()
    .map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export const QUEUE_PAGE_SIZE = 25;
const QUEUE_ORDER = { columns: [proposals.admissibilityDueAt, proposals.topicId], descending: false };

/** The clerks' admissibility queue: proposals still to check, the nearest deadline first, overdue ones marked. Pages by key. */
export function admissibilityQueue(cursor: PageCursor | null, now = new Date()) {
  const fetched = db
    .select({ id: topics.id, title: topics.title, decision: proposals.decision, submittedAt: topics.submittedAt, dueAt: proposals.admissibilityDueAt })
    .from(proposals)
    .innerJoin(topics, eq(topics.id, proposals.topicId))
    .where(and(isNull(proposals.admissibilityCheckedAt), sql`${proposals.admissibilityDueAt} IS NOT NULL`, keysetCondition(QUEUE_ORDER, cursor)))
    .orderBy(...keysetOrderBy(QUEUE_ORDER, cursor))
    .limit(QUEUE_PAGE_SIZE + 1)
    .all();
  const page = keysetPage(fetched, QUEUE_PAGE_SIZE, cursor, (r) => [r.dueAt!.getTime(), r.id]);
  return {
    rows: page.rows.map((r) => ({
      id: r.id, title: r.title, decision: r.decision, submittedAt: r.submittedAt?.toISOString() ?? null, dueAt: r.dueAt!.toISOString(), overdue: isOverdue(r.dueAt!, now),
    })),
    next: page.next,
    prev: page.prev,
  };
}

